/** Maps span rows read back from ClickHouse to the query API's shapes. Pure. */
import type { ApiSpan, ApiSpanRef, Attributes, SpanKind, StatusCode } from '../core/index.ts'

/** A span row as the span-returning queries select it. */
export interface StoredSpanRow {
  readonly TraceId: string
  readonly SpanId: string
  readonly ParentSpanId: string
  readonly SpanName: string
  readonly SpanKind: string
  readonly ServiceName: string
  readonly RetailSystem: string
  readonly Stage: string
  readonly StartNs: string
  readonly DurationNs: string
  readonly StatusCode: string
  readonly StatusMessage: string
  readonly SpanAttributes: Attributes
  readonly ResourceAttributes: Attributes
  readonly BusinessKeys: Attributes
  readonly EventTimes: string[]
  readonly EventNames: string[]
  readonly EventAttributes: Attributes[]
  readonly LinkTraceIds: string[]
  readonly LinkSpanIds: string[]
  readonly LinkAttributes: Attributes[]
}

/** ISO-8601 (milliseconds) of a nanosecond timestamp string. */
export function nanosToIso(nanos: string): string {
  return new Date(Number(BigInt(nanos) / 1_000_000n)).toISOString()
}

/** Milliseconds, to the microsecond, of a nanosecond duration string. */
export function nanosToMs(nanos: string): number {
  return Number(BigInt(nanos) / 1000n) / 1000
}

/** The API span for a stored row; `linkedFrom` comes from the link index. */
export function toApiSpan(row: StoredSpanRow, linkedFrom: readonly ApiSpanRef[]): ApiSpan {
  return {
    traceId: row.TraceId,
    spanId: row.SpanId,
    parentSpanId: row.ParentSpanId,
    name: row.SpanName,
    kind: row.SpanKind as SpanKind,
    service: row.ServiceName,
    system: row.RetailSystem,
    stage: row.Stage,
    startTime: nanosToIso(row.StartNs),
    startTimeUnixNano: row.StartNs,
    durationMs: nanosToMs(row.DurationNs),
    statusCode: row.StatusCode as StatusCode,
    statusMessage: row.StatusMessage,
    attributes: row.SpanAttributes,
    resource: row.ResourceAttributes,
    businessKeys: row.BusinessKeys,
    events: row.EventNames.map((name, i) => ({
      name,
      time: nanosToIso(row.EventTimes[i] ?? '0'),
      attributes: row.EventAttributes[i] ?? {},
    })),
    links: row.LinkTraceIds.map((traceId, i) => ({ traceId, spanId: row.LinkSpanIds[i] ?? '', attributes: row.LinkAttributes[i] ?? {} })),
    linkedFrom,
  }
}
