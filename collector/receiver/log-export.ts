/**
 * One OTLP logs export, whatever carried it: decode, admit the records to the stored window,
 * refuse a request whose rows would grow past the limit, and hand the rest to the sink. The same
 * outcome as a trace export, so each transport answers it in its own codes the same way.
 */
import { err, ok } from '../../core/index.ts'
import { counter } from '../../telemetry/index.ts'
import { admitLogs, decodeLogs, LOG_REJECTION_REASONS, type OtlpEncoding } from '../otlp/index.ts'
import type { LogSink } from './log-sink.ts'
import { expansionRefusal, rejectionCounter, requestIdOf } from './export-parts.ts'
import { tooLarge, type ExportLimits, type ExportOutcome, type ExportRefusal, type SignalExport } from './trace-export.ts'

const RECEIVER_REJECTION_REASONS = [...LOG_REJECTION_REASONS, 'too_large', 'undecodable', 'back_pressure'] as const

/** What a logs export needs: the limits every export has, and the sink for records. */
export interface LogExportDeps extends ExportLimits {
  readonly logSink: LogSink
}

/** The logs export of a receiver, for every transport it listens on. */
export type LogExport = SignalExport

/** The logs export over a sink, with its metrics. */
export function createLogExport(deps: LogExportDeps): LogExport {
  const received = counter(deps.metrics, {
    name: 'throughline_log_records_received_total',
    help: 'Log records decoded from OTLP requests, accepted or not.',
  })
  const rejected = rejectionCounter(
    deps.metrics,
    'throughline_log_records_rejected_total',
    'Log records refused, by reason.',
    RECEIVER_REJECTION_REASONS,
  )
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
      return err(expansionRefusal(deps.maxExpandedChars, decoded.resourceCopyChars, decoded.records.length, 'log records'))
    }
    for (const [reason, count] of Object.entries(decoded.rejectedByReason)) rejected.inc({ reason }, count)
    if (decoded.records.length > 0) {
      // The signal is part of the id: the same bytes sent as traces and as logs are different requests.
      const requestId = requestIdOf('logs\0', tenant, bytes)
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
