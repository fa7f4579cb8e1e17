/**
 * Missed stock decrements: a store sale that names a SKU (its first stage, `sale.completed` by
 * default) is expected to show in the ERP's stock readings of that SKU at that location within
 * the sale's SLA to its ERP posting (the SLAs from the first stage to the `erp_posted` stage, 1h
 * 15m by default). A sale with no ERP reading of its SKU and location between the sale and that
 * deadline is a missed decrement once the deadline has passed, and awaited before. An ERP reading
 * of the same SKU at the same location after the sale counts for it: the readings carry no sale.
 * Readings are the stock index's (`inventory_readings`), the rows stock mismatches compare.
 */
import type { StockDecrementsResponse } from '../../core/index.ts'
import { sql, tableRef, type SchemaTarget, type Sql, type Warehouse } from '../../storage/index.ts'
import { RetailAttribute, RetailContext, BusinessKey, type SYSTEMS } from '@throughline/sdk/conventions'
import { stageOfRole } from '../model/model.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { nanosToIso } from '../../spans/index.ts'
import type { StatsWindow } from './stats-queries.ts'

/** The system whose readings show a decrement. */
const ERP: (typeof SYSTEMS)[number] = 'erp'
const MAX_GROUPS = 500
const DAY_MS = 86_400_000

/** The stage a sale starts with, and how long after it the ERP is due to have posted it. */
export function decrementDeadline(graph: StageGraph): { readonly stage: string; readonly withinMs: number } | undefined {
  const first = graph.stages.find((stage) => stage.after.length === 0)
  const posted = stageOfRole(graph.definition, 'erp_posted')
  if (first === undefined || posted === undefined) return undefined
  let withinMs = 0
  for (let at = graph.indexOf.get(posted); at !== undefined && graph.stages[at] !== first; at = graph.predecessors[at]![0]) {
    withinMs += graph.stages[at]!.slaMs
  }
  return { stage: first.name, withinMs }
}

/** Per store and SKU: the sales in the window whose decrement did not show in the ERP's readings in time. */
function stockDecrementsQuery(
  target: SchemaTarget,
  tenant: string,
  sale: { readonly stage: string; readonly withinMs: number },
  rootKey: string,
  window: { readonly fromMs: number; readonly toMs: number },
  nowMs: number,
): Sql {
  const within = BigInt(sale.withinMs) * 1_000_000n
  const location = sql`if(SpanAttributes[${RetailContext.location}] != '', SpanAttributes[${RetailContext.location}], SpanAttributes[${RetailContext.store}])`
  return sql`
    SELECT Store AS store, Sku AS sku, countIf(Missed) AS missed, countIf(NOT Missed) AS awaited,
      sumIf(Units, Missed) AS missedUnits, minIf(AtNs, Missed) AS oldestMissedNs,
      arraySort(groupUniqArrayIf(5)(Key, Missed)) AS sales, arraySort(groupUniqArrayIf(5)(TraceId, Missed)) AS traces
    FROM (
      SELECT sale.TraceId AS TraceId, sale.SpanId AS SpanId, any(sale.Store) AS Store, any(sale.Sku) AS Sku, any(sale.Key) AS Key,
        any(sale.Units) AS Units, any(sale.AtNs) AS AtNs, any(sale.AtNs) + ${within} < ${BigInt(nowMs) * 1_000_000n} AS Missed
      FROM (
        SELECT Tenant, TraceId, SpanId, SpanAttributes[${RetailContext.store}] AS Store, SpanAttributes[${BusinessKey.sku}] AS Sku,
          ${location} AS Location, BusinessKeys[${rootKey}] AS Key, toUnixTimestamp64Nano(Timestamp) AS AtNs,
          greatest(-toFloat64OrZero(SpanAttributes[${RetailAttribute.inventoryDelta}]), 0) AS Units
        FROM ${tableRef(target, 'spans')}
        WHERE Tenant = ${tenant} AND Stage = ${sale.stage} AND Timestamp >= fromUnixTimestamp64Milli(toInt64(${window.fromMs}))
          AND Timestamp <= fromUnixTimestamp64Milli(toInt64(${window.toMs})) AND SpanAttributes[${BusinessKey.sku}] != ''
      ) AS sale
      GLOBAL LEFT JOIN (
        SELECT Tenant, Sku, Location, toUnixTimestamp64Nano(Timestamp) AS AtNs
        FROM ${tableRef(target, 'inventory_readings')}
        WHERE Tenant = ${tenant} AND System = ${ERP} AND Timestamp >= fromUnixTimestamp64Milli(toInt64(${window.fromMs}))
      ) AS reading ON reading.Tenant = sale.Tenant AND reading.Sku = sale.Sku AND reading.Location = sale.Location
      GROUP BY TraceId, SpanId
      HAVING countIf(reading.AtNs >= sale.AtNs AND reading.AtNs <= sale.AtNs + ${within}) = 0
    )
    GROUP BY store, sku
    ORDER BY missed DESC, awaited DESC, store, sku
    LIMIT ${MAX_GROUPS + 1}`
}

type Count = number | string

/** The missed (and still awaited) decrements of the window, per store and SKU and per store. */
export async function stockDecrements(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  now: Date,
): Promise<StockDecrementsResponse> {
  const sale = decrementDeadline(graph)
  if (sale === undefined) return { stage: '', withinMs: 0, system: ERP, missed: 0, awaited: 0, skus: [], byStore: [], truncated: false }
  const toMs = window.toMs ?? now.getTime()
  const rows = await warehouse.rows<{
    store: string
    sku: string
    missed: Count
    awaited: Count
    missedUnits: Count
    oldestMissedNs: Count
    sales: string[]
    traces: string[]
  }>(stockDecrementsQuery(target, tenant, sale, graph.definition.rootKey, { fromMs: window.fromMs ?? toMs - DAY_MS, toMs }, now.getTime()))
  const skus = rows.slice(0, MAX_GROUPS).map((row) => ({
    store: row.store,
    sku: row.sku,
    missed: Number(row.missed),
    awaited: Number(row.awaited),
    missedUnits: Number(row.missedUnits),
    ...(Number(row.missed) > 0 ? { oldestMissedAt: nanosToIso(String(row.oldestMissedNs)) } : {}),
    sales: row.sales,
    traces: row.traces,
  }))
  const stores = new Map<string, { missed: number; awaited: number; skus: number }>()
  for (const row of skus) {
    const store = stores.get(row.store) ?? { missed: 0, awaited: 0, skus: 0 }
    store.missed += row.missed
    store.awaited += row.awaited
    if (row.missed > 0) store.skus += 1
    stores.set(row.store, store)
  }
  return {
    stage: sale.stage,
    withinMs: sale.withinMs,
    system: ERP,
    missed: skus.reduce((sum, row) => sum + row.missed, 0),
    awaited: skus.reduce((sum, row) => sum + row.awaited, 0),
    skus: skus.filter((row) => row.missed > 0 || row.awaited > 0),
    byStore: [...stores]
      .map(([store, counts]) => ({ store, ...counts }))
      .sort((a, b) => b.missed - a.missed || b.awaited - a.awaited || a.store.localeCompare(b.store)),
    truncated: rows.length > MAX_GROUPS,
  }
}
