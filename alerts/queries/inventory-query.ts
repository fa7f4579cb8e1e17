/**
 * Stock that systems disagree on: the latest `retail.inventory.on_hand` each system reported for
 * one SKU at one location, compared across systems. A pair counts only when the systems differ
 * beyond the tolerance both now and `for` ago, so a sale the ERP has not posted yet (normal
 * propagation lag) never counts, while a booking error that persists does.
 */
import { sql, tableRef, type SchemaTarget, type Sql } from '../../ingest/index.ts'
import type { InventoryMismatchRule } from '../rules.ts'
import { aggregatedGroups } from './group-columns.ts'

const ON_HAND = 'retail.inventory.on_hand'

/** SKU and location pairs in disagreement, per tenant and group, with the units apart. */
export function inventoryMismatchQuery(target: SchemaTarget, rule: InventoryMismatchRule, now: Date): Sql {
  const since = new Date(now.getTime() - rule.windowMs)
  const asOf = new Date(now.getTime() - rule.forMs)
  const systems = rule.systems.length > 0 ? sql` AND has(${rule.systems}, RetailSystem)` : sql``
  return sql`
    SELECT tenant, pairGroups AS groups, count() AS value, count() AS affected, 0 AS amount, '' AS currency,
      groupUniqArrayIf(20)(pairStore, pairStore != '') AS stores, CAST([], 'Array(String)') AS keys, arraySlice(arrayFlatten(groupArray(5)(systemTraces)), 1, 10) AS traces,
      map('units_apart', toString(sum(spreadNow)), 'skus', toString(uniqExact(sku)),
        'pairs', arrayStringConcat(groupArray(10)(concat(sku, ' at ', location, ': ', readings)), '; ')) AS details
    FROM (
      SELECT tenant, sku, location, any(readingStore) AS pairStore, any(readingGroups) AS pairGroups,
        max(onHandNow) - min(onHandNow) AS spreadNow, max(onHandThen) - min(onHandThen) AS spreadThen,
        count() AS systemCount, countIf(readThen) AS systemsThen,
        arrayStringConcat(groupArray(concat(system, ' ', toString(onHandNow))), ', ') AS readings,
        groupArray(lastTrace) AS systemTraces
      FROM (
        SELECT Tenant AS tenant, SpanAttributes['retail.sku'] AS sku,
          if(SpanAttributes['retail.location.id'] != '', SpanAttributes['retail.location.id'], SpanAttributes['retail.store.id']) AS location,
          RetailSystem AS system,
          anyIf(SpanAttributes['retail.store.id'], SpanAttributes['retail.store.id'] != '') AS readingStore,
          ${aggregatedGroups(rule.groupBy)} AS readingGroups,
          argMax(toFloat64OrZero(SpanAttributes[${ON_HAND}]), Timestamp) AS onHandNow,
          argMaxIf(toFloat64OrZero(SpanAttributes[${ON_HAND}]), Timestamp, Timestamp <= ${asOf}) AS onHandThen,
          countIf(Timestamp <= ${asOf}) > 0 AS readThen,
          argMax(TraceId, Timestamp) AS lastTrace
        FROM ${tableRef(target, 'spans')}
        WHERE Timestamp >= ${since} AND Timestamp <= ${now} AND mapContains(SpanAttributes, ${ON_HAND}) AND SpanAttributes['retail.sku'] != ''${systems}
        GROUP BY tenant, sku, location, system
      )
      GROUP BY tenant, sku, location
      HAVING systemCount >= 2 AND systemsThen = systemCount AND spreadNow > ${rule.tolerance} AND spreadThen > ${rule.tolerance}
    )
    GROUP BY tenant, pairGroups`
}
