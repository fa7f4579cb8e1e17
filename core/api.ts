/**
 * The JSON shapes of the query API, shared by the server that answers and the dashboard that
 * asks. Times are ISO-8601 strings (millisecond precision) beside exact nanosecond strings.
 */
import type { Attributes, SpanKind, StatusCode } from './span.ts'

/** A span as the query API returns it. */
export interface ApiSpan {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string
  readonly name: string
  readonly kind: SpanKind
  readonly service: string
  /** `retail.system` of the span or its resource; empty when unknown. */
  readonly system: string
  /** `retail.journey.stage`, when the span marks a stage. */
  readonly stage: string
  readonly startTime: string
  readonly startTimeUnixNano: string
  readonly durationMs: number
  readonly statusCode: StatusCode
  readonly statusMessage: string
  readonly attributes: Attributes
  readonly resource: Attributes
  readonly businessKeys: Attributes
  readonly events: readonly { readonly time: string; readonly name: string; readonly attributes: Attributes }[]
  /** Spans this span links to (a consumer to its producer). */
  readonly links: readonly ApiSpanRef[]
  /** Spans that link to this span (a producer's consumers), found through the link index. */
  readonly linkedFrom: readonly ApiSpanRef[]
}

/** A reference to a span in a trace, possibly another trace. */
export interface ApiSpanRef {
  readonly traceId: string
  readonly spanId: string
  readonly attributes: Attributes
}

/** `GET /api/traces/{traceId}`. */
export interface TraceResponse {
  readonly traceId: string
  readonly spans: readonly ApiSpan[]
}

/** One trace that carries a searched business key. */
export interface TraceSummary {
  readonly traceId: string
  readonly startTime: string
  readonly endTime: string
  readonly spanCount: number
  readonly errorCount: number
  readonly services: readonly string[]
}

/** One span that carries a searched business key. */
export interface SpanSummary {
  readonly traceId: string
  readonly spanId: string
  readonly name: string
  readonly service: string
  readonly system: string
  readonly stage: string
  readonly startTime: string
  readonly durationMs: number
  readonly statusCode: StatusCode
}

/** `GET /api/search?key=&value=`. */
export interface SearchResponse {
  readonly key: string
  readonly value: string
  readonly traces: readonly TraceSummary[]
  readonly spans: readonly SpanSummary[]
}

/** Recent activity for the overview page: `GET /api/overview`. */
export interface OverviewResponse {
  readonly spansLastHour: number
  readonly tracesLastHour: number
  readonly errorsLastHour: number
  readonly services: readonly { readonly service: string; readonly system: string; readonly spans: number; readonly errors: number; readonly p95Ms: number }[]
  readonly recentKeys: readonly { readonly key: string; readonly value: string; readonly lastSeen: string }[]
}

/** The one error shape of the HTTP edge. */
export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string }
}

/** The closed set of error codes the query API answers with. */
export type ApiErrorCode = 'bad_request' | 'unauthorized' | 'not_found' | 'payload_too_large' | 'unsupported_media_type' | 'too_many_requests' | 'unavailable' | 'internal'
