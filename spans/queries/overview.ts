/** Queries behind the overview page: recent activity per service and recent business keys. */
import { sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'

/** Spans, errors and p95 latency per service since a moment. */
export function serviceActivityQuery(target: SchemaTarget, tenant: string, since: Date): Sql {
  return sql`
    SELECT ServiceName AS service, anyLast(RetailSystem) AS system, count() AS spans,
      countIf(StatusCode = 'error') AS errors, round(quantile(0.95)(Duration) / 1e6, 1) AS p95Ms
    FROM ${tableRef(target, 'spans')}
    WHERE Tenant = ${tenant} AND Timestamp >= ${since}
    GROUP BY ServiceName
    ORDER BY spans DESC`
}

/** The business keys seen most recently, newest first (SKUs left out: they are not journeys). */
export function recentKeysQuery(target: SchemaTarget, tenant: string, since: Date, limit: number): Sql {
  return sql`
    SELECT KeyName AS key, KeyValue AS value, toString(toUnixTimestamp64Nano(max(End))) AS lastSeenNs
    FROM ${tableRef(target, 'business_keys')}
    WHERE Tenant = ${tenant} AND End >= ${since} AND KeyName != 'retail.sku'
    GROUP BY KeyName, KeyValue
    ORDER BY lastSeenNs DESC
    LIMIT ${limit}`
}

/** Distinct traces since a moment. */
export function traceCountQuery(target: SchemaTarget, tenant: string, since: Date): Sql {
  return sql`SELECT uniqExact(TraceId) AS traces FROM ${tableRef(target, 'spans')} WHERE Tenant = ${tenant} AND Timestamp >= ${since}`
}
