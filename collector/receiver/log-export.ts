/**
 * One OTLP logs export, whatever carried it: decode, admit the records to the stored window,
 * refuse a request whose rows would grow past the limit, and hand the rest to the sink. The same
 * outcome as a trace export, so each transport answers it in its own codes the same way.
 */
import { createHash } from 'node:crypto'
import { err, ok } from '../../core/index.ts'
import { counter, type MetricRegistry } from '../../telemetry/index.ts'
import { admitLogs, decodeLogs, LOG_REJECTION_REASONS, type DecodeLimits, type OtlpEncoding, type SpanTimeWindow } from '../otlp/index.ts'
import type { LogSink } from './log-sink.ts'
import { tooLarge, type ExportOutcome, type ExportRefusal } from './trace-export.ts'

const RECEIVER_REJECTION_REASONS = [...LOG_REJECTION_REASONS, 'too_large', 'undecodable', 'back_pressure'] as const

/** What a logs export needs: the trace export's limits, and the sink for records. */
export interface LogExportDeps {
  readonly logSink: LogSink
  readonly metrics: MetricRegistry
  readonly maxRequestBytes: number
  readonly maxExpandedChars: number
  readonly limits: DecodeLimits
  readonly window: SpanTimeWindow
  readonly clock?: () => number
}

/** The logs export of a receiver, for every transport it listens on. */
export interface LogExport {
  take(tenant: string, encoding: OtlpEncoding, bytes: Uint8Array): Promise<ExportOutcome>
  refuse(refusal: Exclude<ExportRefusal, { kind: 'busy' }>): ExportOutcome
}

/** The logs export over a sink, with its metrics. */
export function createLogExport(deps: LogExportDeps): LogExport {
  const received = counter(deps.metrics, {
    name: 'throughline_log_records_received_total',
    help: 'Log records decoded from OTLP requests, accepted or not.',
  })
  const rejected = counter(deps.metrics, {
    name: 'throughline_log_records_rejected_total',
    help: 'Log records refused, by reason.',
    labelNames: ['reason'],
  })
  for (const reason of RECEIVER_REJECTION_REASONS) rejected.inc({ reason }, 0)
  const clock = deps.clock ?? Date.now

  const refuse = (refusal: Exclude<ExportRefusal, { kind: 'busy' }>): ExportOutcome => {
    rejected.inc({ reason: refusal.kind })
    return err(refusal)
  }

  const take = async (tenant: string, encoding: OtlpEncoding, bytes: Uint8Array): Promise<ExportOutcome> => {
    if (bytes.byteLength > deps.maxRequestBytes) return refuse(tooLarge(deps.maxRequestBytes))
    const decodedRequest = decodeLogs(encoding, bytes, deps.limits)
    if (!decodedRequest.ok) return refuse({ kind: 'undecodable', message: decodedRequest.error })
    const decoded = admitLogs(decodedRequest.value, deps.window, clock())
    received.inc(decoded.records.length + decoded.rejectedRecords)
    if (bytes.byteLength + decoded.resourceCopyChars > deps.maxExpandedChars) {
      rejected.inc({ reason: 'too_large' }, decoded.records.length + decoded.rejectedRecords)
      return err({
        kind: 'too_large',
        message: `the request would grow to over ${deps.maxExpandedChars} characters of rows: its resource attributes (${decoded.resourceCopyChars} characters in all) are stored with each of its ${decoded.records.length} log records; send fewer records per request or smaller resources`,
      })
    }
    for (const [reason, count] of Object.entries(decoded.rejectedByReason)) rejected.inc({ reason }, count)
    if (decoded.records.length > 0) {
      // The signal is part of the id: the same bytes sent as traces and as logs are different requests.
      const requestId = createHash('sha256').update('logs\0').update(tenant).update('\0').update(bytes).digest('hex')
      const result = await deps.logSink.accept(tenant, decoded.records, requestId)
      if (!result.ok) {
        rejected.inc({ reason: 'back_pressure' }, decoded.records.length)
        return err({ kind: 'busy', message: result.error.reason, retryAfterSeconds: result.error.retryAfterSeconds })
      }
    }
    return ok({ rejectedSpans: decoded.rejectedRecords, message: decoded.rejectionMessage })
  }
  return { take, refuse }
}
