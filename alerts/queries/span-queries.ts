/**
 * Latency and error-rate rules over the spans of one service (and span name) in a window, per
 * tenant and group. Every rule query answers in the same columns (see ./observation-rows.ts).
 */
import { sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { ErrorRateRule, LatencyRule } from '../rules.ts'
import { spanGroups } from './group-columns.ts'

const ORDER = 'retail.order.id'

/** The business key whose values span rules report as the journeys they touched. */
export const SPAN_RULE_KEY = ORDER
const STORE = 'retail.store.id'

function spanFilter(rule: LatencyRule | ErrorRateRule, now: Date): Sql {
  const since = new Date(now.getTime() - rule.windowMs)
  const span = rule.span !== undefined ? sql` AND SpanName = ${rule.span}` : sql``
  return sql`ServiceName = ${rule.service}${span} AND Timestamp >= ${since} AND Timestamp <= ${now}`
}

/** The impact columns over the spans `hit` marks: the orders, stores and traces they touched. */
export function impactOf(hit: Sql): Sql {
  return sql`
    uniqExactIf(BusinessKeys[${ORDER}], ${hit} AND BusinessKeys[${ORDER}] != '') AS affected,
    0 AS amount, '' AS currency,
    groupUniqArrayIf(20)(SpanAttributes[${STORE}], ${hit} AND SpanAttributes[${STORE}] != '') AS stores,
    groupUniqArrayIf(20)(BusinessKeys[${ORDER}], ${hit} AND BusinessKeys[${ORDER}] != '') AS keys,
    groupUniqArrayIf(10)(TraceId, ${hit}) AS traces`
}

/** The percentile of span duration in milliseconds; affected are the orders of spans over the threshold. */
export function latencyQuery(target: SchemaTarget, rule: LatencyRule, now: Date): Sql {
  const slow = sql`(Duration > ${BigInt(Math.round(rule.thresholdMs * 1e6))})`
  return sql`
    SELECT Tenant AS tenant, ${spanGroups(rule.groupBy)} AS groups,
      quantile(${rule.percentile / 100})(Duration) / 1e6 AS value,
      ${impactOf(slow)},
      map('spans', toString(count()), 'slow_spans', toString(countIf(${slow})), 'max_ms', toString(round(max(Duration) / 1e6))) AS details
    FROM ${tableRef(target, 'spans')}
    WHERE ${spanFilter(rule, now)}
    GROUP BY tenant, groups
    HAVING count() >= ${rule.minSpans}`
}

/** The share of spans with status error; groups with fewer than `min_spans` spans say nothing. */
export function errorRateQuery(target: SchemaTarget, rule: ErrorRateRule, now: Date): Sql {
  const failed = sql`(StatusCode = 'error')`
  return sql`
    SELECT Tenant AS tenant, ${spanGroups(rule.groupBy)} AS groups,
      countIf(${failed}) / count() AS value,
      ${impactOf(failed)},
      map('spans', toString(count()), 'failed_spans', toString(countIf(${failed}))) AS details
    FROM ${tableRef(target, 'spans')}
    WHERE ${spanFilter(rule, now)}
    GROUP BY tenant, groups
    HAVING count() >= ${rule.minSpans}`
}
