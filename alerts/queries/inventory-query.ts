/**
 * Stock that systems disagree on: the latest `retail.inventory.on_hand` each system reported for
 * one SKU at one location, compared across systems. A pair counts only when the systems differ
 * beyond the tolerance both now and `for` ago, so a sale the ERP has not posted yet (normal
 * propagation lag) never counts, while a booking error that persists does. Read from the
 * stock-reading index (one narrow row per reading, ordered by SKU, location and system), not
 * from the spans' attribute maps.
 */
import { identifier, joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import type { GroupKey, InventoryMismatchRule } from '../rules.ts'
import { groupValues } from './group-columns.ts'

/** The reading column that holds each group key: the span attribute (or system) the spans query grouped by. */
const READING_COLUMN: Readonly<Record<GroupKey, string>> = {
  'retail.store.id': 'Store',
  'retail.location.id': 'LocationId',
  'retail.channel': 'Channel',
  'retail.region': 'Region',
  'retail.system': 'System',
}

/** Any non-empty value of each group key over one system's readings of a SKU at a location. */
function readingGroups(groupBy: readonly GroupKey[]): Sql {
  return groupValues(groupBy.map((key) => {
    const column = sql`${identifier(READING_COLUMN[key])}`
    return sql`anyIf(${column}, ${column} != '')`
  }))
}

/** The rules one statement can answer: the same window, `for` and systems. */
export function inventoryBatchOf(rule: InventoryMismatchRule): string {
  return JSON.stringify([rule.windowMs, rule.forMs, rule.systems])
}

/**
 * SKU and location pairs in disagreement, per tenant, question and group, with the units apart.
 * One statement answers rules of one batch (see inventoryBatchOf) at their own tolerances and
 * groups: each pair is compared once, then counted for every rule it breaks.
 */
export function inventoryMismatchQuery(target: SchemaTarget, rules: readonly InventoryMismatchRule[], now: Date): Sql {
  const first = rules[0]
  if (!first || rules.some((rule) => inventoryBatchOf(rule) !== inventoryBatchOf(first))) throw new Error('a stock statement answers rules of one window, for and systems')
  const since = new Date(now.getTime() - first.windowMs)
  const asOf = new Date(now.getTime() - first.forMs)
  const systems = first.systems.length > 0 ? sql` AND System IN ${first.systems}` : sql``
  const tolerance = Math.min(...rules.map((rule) => rule.tolerance))
  // Each rule's groups from one system's readings, so a pair's groups all come from the same system.
  const groupings = sql`[${joinSql(rules.map((rule) => readingGroups(rule.groupBy)), ', ')}]`
  const breaking = joinSql(rules.map((rule, i) => sql`if(spreadNow > ${rule.tolerance} AND spreadThen > ${rule.tolerance}, ${i + 1}, 0)`), ', ')
  return sql`
    SELECT tenant, question, pairGroups AS groups, count() AS value, count() AS affected, 0 AS amount, '' AS currency,
      groupUniqArrayIf(20)(pairStore, pairStore != '') AS stores, CAST([], 'Array(String)') AS keys, arraySlice(arrayFlatten(groupArray(5)(systemTraces)), 1, 10) AS traces,
      map('units_apart', toString(sum(spreadNow)), 'skus', toString(uniqExact(sku)),
        'pairs', arrayStringConcat(groupArray(10)(concat(sku, ' at ', location, ': ', readings)), '; ')) AS details
    FROM (
      SELECT tenant, sku, location, question, pairStore, pairGroupings[question] AS pairGroups, spreadNow, readings, systemTraces
      FROM (
        SELECT tenant, sku, location, any(readingStore) AS pairStore, any(readingGroupings) AS pairGroupings,
          max(onHandNow) - min(onHandNow) AS spreadNow, max(onHandThen) - min(onHandThen) AS spreadThen,
          count() AS systemCount, countIf(readThen) AS systemsThen,
          arrayStringConcat(groupArray(concat(system, ' ', toString(onHandNow))), ', ') AS readings,
          groupArray(lastTrace) AS systemTraces
        FROM (
          SELECT Tenant AS tenant, Sku AS sku, Location AS location, System AS system,
            anyIf(Store, Store != '') AS readingStore,
            ${groupings} AS readingGroupings,
            argMax(OnHand, Timestamp) AS onHandNow,
            argMaxIf(OnHand, Timestamp, Timestamp <= ${asOf}) AS onHandThen,
            countIf(Timestamp <= ${asOf}) > 0 AS readThen,
            argMax(TraceId, Timestamp) AS lastTrace
          FROM ${tableRef(target, 'inventory_readings')}
          WHERE Timestamp >= ${since} AND Timestamp <= ${now}${systems}
          GROUP BY tenant, sku, location, system
        )
        GROUP BY tenant, sku, location
        HAVING systemCount >= 2 AND systemsThen = systemCount AND spreadNow > ${tolerance} AND spreadThen > ${tolerance}
      )
      ARRAY JOIN arrayFilter(q -> q > 0, [${breaking}]) AS question
    )
    GROUP BY tenant, question, pairGroups`
}
