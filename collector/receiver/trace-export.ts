/**
 * One OTLP trace export, whatever carried it (OTLP/HTTP or OTLP/gRPC): decode the request's
 * bytes, admit its spans (limits, the stored time window), refuse a request whose rows would
 * grow past the limit, remember refused spans, and hand the rest to the sink. The outcome says
 * what happened in the transport's terms-free words; each transport answers it in its own codes.
 */
import { err, ok, type Result } from '../../core/index.ts'
import { counter, type MetricRegistry } from '../../telemetry/index.ts'
import {
  admitSpans,
  decodeTraces,
  SPAN_REJECTION_REASONS,
  type DecodeLimits,
  type OtlpEncoding,
  type SpanTimeWindow,
} from '../otlp/index.ts'
import type { RejectionLog } from './rejection-log.ts'
import type { SpanSink } from './span-sink.ts'
import { expansionRefusal, rejectionCounter, requestIdOf } from './export-parts.ts'

/** Why the receiver refuses spans: each series starts at zero, so a rate over it is defined from the first scrape. */
const RECEIVER_REJECTION_REASONS = [...SPAN_REJECTION_REASONS, 'too_large', 'undecodable', 'back_pressure'] as const

/** An export taken: the spans refused one by one, and why, for the partial success. */
export interface ExportTaken {
  readonly rejectedSpans: number
  readonly message: string
}

/** An export refused whole: a body that is not OTLP, one too large, or storage busy for now. */
export type ExportRefusal =
  | { readonly kind: 'undecodable'; readonly message: string }
  | { readonly kind: 'too_large'; readonly message: string }
  | { readonly kind: 'busy'; readonly message: string; readonly retryAfterSeconds: number }

/** What a trace export came to. */
export type ExportOutcome = Result<ExportTaken, ExportRefusal>

/** What every signal's export needs: its metrics and limits. */
export interface ExportLimits {
  readonly metrics: MetricRegistry
  readonly maxRequestBytes: number
  /**
   * Most characters a request may grow to once its resource attributes are copied onto each of
   * its spans' rows; past it the request is refused, so 100 KB of gzip cannot become hundreds of
   * megabytes of spool.
   */
  readonly maxExpandedChars: number
  readonly limits: DecodeLimits
  /** Times outside it are refused item by item. */
  readonly window: SpanTimeWindow
  readonly clock?: () => number
}

/** What a trace export needs. */
export interface TraceExportDeps extends ExportLimits {
  readonly sink: SpanSink
  /** Where refused spans are remembered for the rejections list. */
  readonly rejections: RejectionLog
}

/** A signal's export in a receiver, for every transport it listens on. */
export interface SignalExport {
  /** A tenant's export of a request's bytes, decompressed. */
  take(tenant: string, encoding: OtlpEncoding, bytes: Uint8Array): Promise<ExportOutcome>
  /** A request refused before its bytes were read whole (over the limit, a body that would not decompress), counted as such. */
  refuse(refusal: Exclude<ExportRefusal, { kind: 'busy' }>): ExportOutcome
}

/** The trace export of a receiver. */
export type TraceExport = SignalExport

/** The trace export over a sink, with the receiver's metrics. */
export function createTraceExport(deps: TraceExportDeps): TraceExport {
  const received = counter(deps.metrics, {
    name: 'throughline_spans_received_total',
    help: 'Spans decoded from OTLP requests, accepted or not.',
  })
  const rejected = rejectionCounter(
    deps.metrics,
    'throughline_spans_rejected_total',
    'Spans refused, by reason.',
    RECEIVER_REJECTION_REASONS,
  )
  const truncated = counter(deps.metrics, {
    name: 'throughline_attributes_truncated_total',
    help: 'Attribute values, attributes, events or links cut to the limits.',
  })
  const clock = deps.clock ?? Date.now

  const refuse = (refusal: Exclude<ExportRefusal, { kind: 'busy' }>): ExportOutcome => {
    rejected.inc({ reason: refusal.kind })
    return err(refusal)
  }

  const take = async (tenant: string, encoding: OtlpEncoding, bytes: Uint8Array): Promise<ExportOutcome> => {
    if (bytes.byteLength > deps.maxRequestBytes) return refuse(tooLarge(deps.maxRequestBytes))
    const decodedRequest = decodeTraces(encoding, bytes, deps.limits)
    if (!decodedRequest.ok) return refuse({ kind: 'undecodable', message: decodedRequest.error })
    const now = clock()
    const decoded = admitSpans(decodedRequest.value, deps.window, now, deps.limits)
    received.inc(decoded.spans.length + decoded.rejectedSpans)
    if (decoded.truncated > 0) truncated.inc(decoded.truncated)
    if (bytes.byteLength + decoded.resourceCopyChars > deps.maxExpandedChars) {
      rejected.inc({ reason: 'too_large' }, decoded.spans.length + decoded.rejectedSpans)
      return err(expansionRefusal(deps.maxExpandedChars, decoded.resourceCopyChars, decoded.spans.length, 'spans'))
    }
    if (decoded.rejectedSpans > 0) {
      for (const [reason, count] of Object.entries(decoded.rejectedByReason)) rejected.inc({ reason }, count)
      deps.rejections.record(tenant, new Date(now), decoded.rejectedByReason, decoded.rejections)
    }
    if (decoded.spans.length > 0) {
      const requestId = requestIdOf('', tenant, bytes)
      const result = await deps.sink.accept(tenant, decoded.spans, requestId)
      if (!result.ok) {
        rejected.inc({ reason: 'back_pressure' }, decoded.spans.length)
        return err({ kind: 'busy', message: result.error.reason, retryAfterSeconds: result.error.retryAfterSeconds })
      }
    }
    return ok({ rejectedSpans: decoded.rejectedSpans, message: decoded.rejectionMessage })
  }
  return { take, refuse }
}

/** The refusal of a request over the byte limit. */
export function tooLarge(maxRequestBytes: number): Extract<ExportRefusal, { kind: 'too_large' }> {
  return { kind: 'too_large', message: `request body over ${maxRequestBytes} bytes (checked after decompression too)` }
}
