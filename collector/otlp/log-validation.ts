/**
 * What both log decoders do once a record is read: refuse a record whose trace context is
 * malformed one by one, as OTLP's partial success allows, and cut what is over a limit. A record
 * without trace context is valid: batch jobs and file transfers log outside any trace.
 */
import type { LogRecord } from '../../core/index.ts'
import { ZERO_SPAN_ID, ZERO_TRACE_ID } from './otlp-values.ts'
import { ValueTally } from './span-validation.ts'

/** Why a log record was refused, as a closed set for the metrics label. */
export const LOG_REJECTION_REASONS = ['invalid_trace_id', 'invalid_span_id', 'time_too_old', 'time_in_future'] as const
export type LogRejectionReason = (typeof LOG_REJECTION_REASONS)[number]

/** A reason to refuse a log record and its words. */
export interface LogProblem {
  readonly reason: LogRejectionReason
  readonly detail: string
}

/** The outcome of decoding one logs export request. */
export interface DecodedLogs {
  /** The records that passed validation, in request order. */
  records: LogRecord[]
  rejectedRecords: number
  /** Why the first refused record was refused; empty when none was. */
  rejectionMessage: string
  rejectedByReason: Partial<Record<LogRejectionReason, number>>
  truncated: number
  /** Characters of resource attributes repeated onto the kept records' rows. */
  resourceCopyChars: number
}

/** Collects the records of one request with their refusals and truncations. */
export class LogTally extends ValueTally {
  readonly records: LogRecord[] = []
  rejectedRecords = 0
  rejectionMessage = ''
  readonly rejectedByReason: Partial<Record<LogRejectionReason, number>> = {}

  /** Keeps a record, or counts it as refused when there is a problem. */
  accept(record: LogRecord, problem: LogProblem | undefined, where: string): void {
    if (problem === undefined) this.records.push(record)
    else this.reject(problem, where)
  }

  reject(problem: LogProblem, where: string): void {
    if (this.rejectedRecords++ === 0) this.rejectionMessage = `log record ${where} rejected: ${problem.detail}`
    this.rejectedByReason[problem.reason] = (this.rejectedByReason[problem.reason] ?? 0) + 1
  }

  result(): DecodedLogs {
    return {
      records: this.records,
      rejectedRecords: this.rejectedRecords,
      rejectionMessage: this.rejectionMessage,
      rejectedByReason: this.rejectedByReason,
      truncated: this.truncated,
      resourceCopyChars: this.resourceCopyChars,
    }
  }
}

/**
 * Why a record's trace context cannot be stored, or undefined when it can. Ids come as lowercase
 * hex with their byte length (-1: not hex); absent or all-zero ids mean no context, which is fine.
 */
export function logContextProblem(traceId: string, traceIdBytes: number, spanId: string, spanIdBytes: number): LogProblem | undefined {
  if (traceIdBytes !== 0 && traceIdBytes !== 16)
    return { reason: 'invalid_trace_id', detail: traceIdBytes < 0 ? 'trace id is not hex' : `trace id is ${traceIdBytes} bytes, want 16` }
  if (spanIdBytes !== 0 && spanIdBytes !== 8)
    return { reason: 'invalid_span_id', detail: spanIdBytes < 0 ? 'span id is not hex' : `span id is ${spanIdBytes} bytes, want 8` }
  if ((traceId === '' || traceId === ZERO_TRACE_ID) && spanId !== '' && spanId !== ZERO_SPAN_ID)
    return { reason: 'invalid_trace_id', detail: 'a span id without a trace id' }
  return undefined
}

/** A trace or span id, or empty for an absent or all-zero one. */
export function contextId(hex: string): string {
  return hex === ZERO_TRACE_ID || hex === ZERO_SPAN_ID ? '' : hex
}
