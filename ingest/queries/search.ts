/** Queries that find the traces and spans carrying one business-key value. */
import { sql, type Sql } from '../clickhouse/sql.ts'
import { tableRef, type SchemaTarget } from '../clickhouse/schema.ts'
import { SPAN_COLUMNS } from './trace.ts'

/** Traces that carry a key value, newest first, from the business-key index. */
export function keyTracesQuery(target: SchemaTarget, tenant: string, key: string, value: string, limit: number): Sql {
  return sql`
    SELECT TraceId, toString(toUnixTimestamp64Nano(min(Start))) AS StartNs, toString(toUnixTimestamp64Nano(max(End))) AS EndNs
    FROM ${tableRef(target, 'business_keys')}
    WHERE Tenant = ${tenant} AND KeyName = ${key} AND KeyValue = ${value}
    GROUP BY TraceId
    ORDER BY StartNs DESC
    LIMIT ${limit}`
}

/** A time window and trace list that bound a span scan to the partitions and granules of those traces. */
export interface TraceWindow {
  readonly traceIds: readonly string[]
  readonly fromNs: string
  readonly toNs: string
}

function inWindow(window: TraceWindow): Sql {
  return sql`TraceId IN ${window.traceIds}
    AND Timestamp >= fromUnixTimestamp64Nano(toInt64(${window.fromNs})) AND Timestamp <= fromUnixTimestamp64Nano(toInt64(${window.toNs}))`
}

/** Span and error counts and services of each trace in the window. */
export function traceSummariesQuery(target: SchemaTarget, tenant: string, window: TraceWindow): Sql {
  return sql`
    SELECT TraceId, uniqExact(SpanId) AS SpanCount, uniqExactIf(SpanId, StatusCode = 'error') AS ErrorCount,
      arraySort(groupUniqArray(ServiceName)) AS Services
    FROM ${tableRef(target, 'spans')}
    WHERE Tenant = ${tenant} AND ${inWindow(window)}
    GROUP BY TraceId`
}

/** The spans in the window that carry the key value themselves. */
export function keySpansQuery(target: SchemaTarget, tenant: string, key: string, value: string, window: TraceWindow, limit: number): Sql {
  return sql`
    SELECT ${SPAN_COLUMNS}
    FROM ${tableRef(target, 'spans')}
    WHERE Tenant = ${tenant} AND ${inWindow(window)} AND BusinessKeys[${key}] = ${value}
    ORDER BY Timestamp, SpanId
    LIMIT 1 BY TraceId, SpanId
    LIMIT ${limit}`
}
