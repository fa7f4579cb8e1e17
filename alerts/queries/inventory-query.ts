/**
 * The stock rule: pairs whose systems disagree beyond the tolerance now and `for` ago, exactly as
 * the operations page shows them, counted per tenant, rule and group.
 */
import { stockMismatchesQuery } from '../../estate/index.ts'
import { identifier, joinSql, sql, type SchemaTarget, type Sql } from '../../storage/index.ts'
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
  return groupValues(
    groupBy.map((key) => {
      const column = sql`${identifier(READING_COLUMN[key])}`
      return sql`anyIf(${column}, ${column} != '')`
    }),
  )
}

/** The rules one statement can answer: the same window, `for` and systems. */
export function inventoryBatchOf(rule: InventoryMismatchRule): string {
  return JSON.stringify([rule.windowMs, rule.forMs, rule.systems])
}

/**
 * SKU and location pairs in disagreement (as the estate defines it, estate/queries/stock-comparison.ts),
 * per tenant, question and group, with the units apart. One statement answers rules of one batch
 * (see inventoryBatchOf) at their own tolerances and groups: each pair is compared once, then
 * counted for every rule it breaks.
 */
export function inventoryMismatchQuery(target: SchemaTarget, rules: readonly InventoryMismatchRule[], now: Date): Sql {
  const first = rules[0]
  if (!first || rules.some((rule) => inventoryBatchOf(rule) !== inventoryBatchOf(first)))
    throw new Error('a stock statement answers rules of one window, for and systems')
  const scope = { from: new Date(now.getTime() - first.windowMs), to: now, systems: first.systems }
  const asOf = new Date(now.getTime() - first.forMs)
  const tolerance = Math.min(...rules.map((rule) => rule.tolerance))
  // Each rule's groups from one system's readings, so a pair's groups all come from the same system.
  const pairs = stockMismatchesQuery(target, scope, asOf, tolerance, {
    perSystem: [
      sql`[${joinSql(
        rules.map((rule) => readingGroups(rule.groupBy)),
        ', ',
      )}] AS readingGroupings`,
    ],
    perPair: [sql`any(readingGroupings) AS pairGroupings`],
  })
  const breaking = joinSql(
    rules.map((rule, i) => sql`if(spreadNow > ${rule.tolerance} AND spreadThen > ${rule.tolerance}, ${i + 1}, 0)`),
    ', ',
  )
  return sql`
    SELECT tenant, question, pairGroups AS groups, count() AS value, count() AS affected, 0 AS amount, '' AS currency,
      groupUniqArrayIf(20)(store, store != '') AS stores, CAST([], 'Array(String)') AS keys, arraySlice(arrayFlatten(groupArray(5)(systemTraces)), 1, 10) AS traces,
      map('units_apart', toString(sum(spreadNow)), 'skus', toString(uniqExact(sku)),
        'pairs', arrayStringConcat(groupArray(10)(concat(sku, ' at ', location, ': ', readingsText)), '; ')) AS details
    FROM (
      SELECT tenant, sku, location, question, store, pairGroupings[question] AS pairGroups, spreadNow,
        arrayStringConcat(arrayMap(r -> concat(r.1, ' ', toString(r.2)), readings), ', ') AS readingsText,
        arrayMap(r -> r.4, readings) AS systemTraces
      FROM (${pairs})
      ARRAY JOIN arrayFilter(q -> q > 0, [${breaking}]) AS question
    )
    GROUP BY tenant, question, pairGroups`
}
