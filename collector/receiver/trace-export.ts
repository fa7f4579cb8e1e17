/**
 * One OTLP trace export, whatever carried it (OTLP/HTTP or OTLP/gRPC): decode the request's
 * bytes, admit its spans (limits, the stored time window), refuse a request whose rows would
 * grow past the limit, remember refused spans, and hand the rest to the sink. The outcome says
 * what happened in the transport's terms-free words; each transport answers it in its own codes.
 */
import { createHash } from 'node:crypto'
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

/** What an export needs. */
export interface TraceExportDeps {
  readonly sink: SpanSink
  readonly metrics: MetricRegistry
  readonly maxRequestBytes: number
  /**
   * Most characters a request may grow to once its resource attributes are copied onto each of
   * its spans' rows; past it the request is refused, so 100 KB of gzip cannot become hundreds of
   * megabytes of spool.
   */
  readonly maxExpandedChars: number
  readonly limits: DecodeLimits
  /** Start times outside it are refused span by span. */
  readonly window: SpanTimeWindow
  /** Where refused spans are remembered for the rejections list. */
  readonly rejections: RejectionLog
  readonly clock?: () => number
}

/** The trace export of a receiver, for every transport it listens on. */
export interface TraceExport {
  /** A tenant's export of a request's bytes, decompressed. */
  take(tenant: string, encoding: OtlpEncoding, bytes: Uint8Array): Promise<ExportOutcome>
  /** A request refused before its bytes were read whole (over the limit, a body that would not decompress), counted as such. */
  refuse(refusal: Exclude<ExportRefusal, { kind: 'busy' }>): ExportOutcome
}

/** The trace export over a sink, with the receiver's metrics. */
export function createTraceExport(deps: TraceExportDeps): TraceExport {
  const received = counter(deps.metrics, {
    name: 'throughline_spans_received_total',
    help: 'Spans decoded from OTLP requests, accepted or not.',
  })
  const rejected = counter(deps.metrics, {
    name: 'throughline_spans_rejected_total',
    help: 'Spans refused, by reason.',
    labelNames: ['reason'],
  })
  for (const reason of RECEIVER_REJECTION_REASONS) rejected.inc({ reason }, 0)
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
      return err({
        kind: 'too_large',
        message: `the request would grow to over ${deps.maxExpandedChars} characters of rows: its resource attributes (${decoded.resourceCopyChars} characters in all) are stored with each of its ${decoded.spans.length} spans; send fewer spans per request or smaller resources`,
      })
    }
    if (decoded.rejectedSpans > 0) {
      for (const [reason, count] of Object.entries(decoded.rejectedByReason)) rejected.inc({ reason }, count)
      deps.rejections.record(tenant, new Date(now), decoded.rejectedByReason, decoded.rejections)
    }
    if (decoded.spans.length > 0) {
      // The same content from the same tenant is the same request, whichever transport brought it.
      const requestId = createHash('sha256').update(tenant).update('\0').update(bytes).digest('hex')
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
