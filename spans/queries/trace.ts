/** Queries that read one trace: its spans and the links into and out of it. */
import { sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'

/** The span columns every span-returning query selects, with exact nanosecond times. */
const SPAN_COLUMNS = sql`
  TraceId, SpanId, ParentSpanId, SpanName, SpanKind, ServiceName, RetailSystem, Stage,
  toString(toUnixTimestamp64Nano(Timestamp)) AS StartNs, toString(Duration) AS DurationNs,
  StatusCode, StatusMessage, SpanAttributes, ResourceAttributes, BusinessKeys,
  arrayMap(t -> toString(toUnixTimestamp64Nano(t)), Events.Timestamp) AS EventTimes, Events.Name AS EventNames, Events.Attributes AS EventAttributes,
  Links.TraceId AS LinkTraceIds, Links.SpanId AS LinkSpanIds, Links.Attributes AS LinkAttributes`

/** The time range of a trace from the trace-id index, as a scalar subquery pair. */
function traceRange(target: SchemaTarget, tenant: string, traceId: string): { from: Sql; to: Sql } {
  const index = tableRef(target, 'trace_times')
  return {
    from: sql`(SELECT min(Start) FROM ${index} WHERE Tenant = ${tenant} AND TraceId = ${traceId})`,
    to: sql`(SELECT max(End) FROM ${index} WHERE Tenant = ${tenant} AND TraceId = ${traceId})`,
  }
}

/** Every span of one trace, once each even before duplicates merge, in start order. */
export function traceSpansQuery(target: SchemaTarget, tenant: string, traceId: string, limit: number): Sql {
  const range = traceRange(target, tenant, traceId)
  return sql`
    SELECT ${SPAN_COLUMNS}
    FROM ${tableRef(target, 'spans')}
    WHERE Tenant = ${tenant} AND TraceId = ${traceId}
      AND Timestamp >= ${range.from} AND Timestamp <= ${range.to}
    ORDER BY Timestamp, SpanId
    LIMIT 1 BY SpanId
    LIMIT ${limit}`
}

/** The links held under a trace's spans: `out` to producers, `in` from consumers. */
export function traceLinksQuery(target: SchemaTarget, tenant: string, traceId: string): Sql {
  return sql`
    SELECT DISTINCT SpanId, toString(Direction) AS Direction, LinkedTraceId, LinkedSpanId
    FROM ${tableRef(target, 'span_links')}
    WHERE Tenant = ${tenant} AND TraceId = ${traceId}`
}
