/**
 * The span as the platform holds it between decoding and storage: OTLP's model with ids as
 * lowercase hex, times as nanosecond bigints and attribute values flattened to strings (the
 * layout of the OpenTelemetry Collector's ClickHouse exporter).
 */

/** Attribute values flattened to strings: numbers and booleans in their text form, arrays and maps as JSON. */
export type Attributes = Record<string, string>

/** OTLP span kinds, lower-cased. */
export const SPAN_KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const
export type SpanKind = (typeof SPAN_KINDS)[number]

/** OTLP status codes, lower-cased. */
export const STATUS_CODES = ['unset', 'ok', 'error'] as const
export type StatusCode = (typeof STATUS_CODES)[number]

/** A timestamped annotation on a span (an exception, a retry). */
export interface SpanEvent {
  readonly timeUnixNano: bigint
  readonly name: string
  readonly attributes: Attributes
}

/** A pointer to another span, as a queue consumer holds to its producer. */
export interface SpanLink {
  readonly traceId: string
  readonly spanId: string
  readonly traceState: string
  readonly attributes: Attributes
}

/** One decoded span with its resource and scope. */
export interface SpanRecord {
  readonly traceId: string
  readonly spanId: string
  /** Empty for a root span. */
  readonly parentSpanId: string
  readonly traceState: string
  readonly name: string
  readonly kind: SpanKind
  readonly startTimeUnixNano: bigint
  readonly endTimeUnixNano: bigint
  readonly attributes: Attributes
  readonly events: readonly SpanEvent[]
  readonly links: readonly SpanLink[]
  readonly statusCode: StatusCode
  readonly statusMessage: string
  /** Shared by every span of one ResourceSpans block. */
  readonly resource: Attributes
  readonly scopeName: string
  readonly scopeVersion: string
}

/** The service a span came from, as its resource names it. */
export function serviceNameOf(span: SpanRecord): string {
  return span.resource['service.name'] ?? 'unknown_service'
}
