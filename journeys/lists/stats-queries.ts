/**
 * Aggregates the operations and finance pages need, read from the journey-state table: how far
 * promotions have reached the stores, store sales published versus posted to the ERP, and
 * settlements by posting status with their unposted amounts and age. Each finds the stages it
 * needs by their role (see `stageOfRole`), so renamed stages keep their statistics.
 */
import { identifier, joinSql, sql, type Sql, tableRef, typed, type SchemaTarget } from '../../storage/index.ts'
import { stageOfRole } from '../model/model.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyRowsQuery, STATUS_SETTINGS } from '../status/status-query.ts'
import { postingAgeSql } from './posting-age.ts'

/** A time window on journey start, in epoch milliseconds. */
export interface StatsWindow {
  readonly fromMs?: number
  readonly toMs?: number
}

function inWindow(column: Sql, window: StatsWindow): Sql {
  const parts: Sql[] = [sql`1`]
  if (window.fromMs !== undefined) parts.push(sql`${column} >= ${window.fromMs}`)
  if (window.toMs !== undefined) parts.push(sql`${column} <= ${window.toMs}`)
  return joinSql(parts, ' AND ')
}

/** The journey rows' `r_i` column of a stage; undefined when the journey has no such stage. */
function reachedColumn(graph: StageGraph, stage: string | undefined): Sql | undefined {
  const i = stage === undefined ? undefined : graph.indexOf.get(stage)
  return i === undefined ? undefined : sql`${identifier(`r_${i}`)}`
}

/** Per promotion and store: when the promotion was published and when the store went live (0: not yet). */
function promotionStoresQuery(target: SchemaTarget, tenant: string, rootKey: string, published: string, live: string): Sql {
  return sql`
    SELECT KeyValue AS promotionId, Store AS store,
      minIf(FirstOk, Stage = ${live}) AS firstLive, coalesce(toUnixTimestamp64Milli(firstLive), 0) AS liveMs,
      max(coalesce(toUnixTimestamp64Milli(minIf(FirstOk, Stage = ${published})), 0)) OVER (PARTITION BY KeyValue) AS publishedMs
    FROM ${tableRef(target, 'journey_stages')}
    WHERE Tenant = ${tenant} AND JourneyType IN ${['promotion', '']} AND KeyName = ${rootKey} AND Stage IN ${['', published, live]}
    GROUP BY KeyValue, Store`
}

/** Per promotion and store, for a promotion journey with a published and a store-live stage; undefined otherwise. */
function promotionStores(target: SchemaTarget, tenant: string, graph: StageGraph): Sql | undefined {
  const published = stageOfRole(graph.definition, 'published')
  const live = stageOfRole(graph.definition, 'store_live')
  return published && live ? promotionStoresQuery(target, tenant, graph.definition.rootKey, published, live) : undefined
}

/** The latest promotions with the stores they targeted, reached and missed. */
export function promotionPropagationQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  limit: number,
): Sql | undefined {
  const stores = promotionStores(target, tenant, graph)
  if (!stores) return undefined
  return sql`
    SELECT promotionId, max(publishedMs) AS published, uniqExactIf(store, store != '') AS targeted, uniqExactIf(store, store != '' AND liveMs > 0) AS live,
      arraySlice(arraySort(groupArrayIf(store, store != '' AND liveMs = 0)), 1, 50) AS missing,
      if(live = 0, -1, quantileExactIf(0.95)(liveMs - publishedMs, liveMs > 0 AND publishedMs > 0)) AS p95
    FROM (${stores})
    GROUP BY promotionId
    HAVING published > 0 AND ${inWindow(sql`published`, window)}
    ORDER BY published DESC, promotionId
    LIMIT ${limit}`
}

/**
 * Over a window, at the end of each bucket of `stepMs`: the store and promotion pairs targeted by
 * the promotions published in the window so far, and those live, as running totals.
 */
export function promotionReachQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: Required<StatsWindow>,
  stepMs: number,
): Sql | undefined {
  const stores = promotionStores(target, tenant, graph)
  if (!stores) return undefined
  const step = typed(stepMs, 'Int64')
  const bucket = (ms: Sql): Sql => sql`intDiv(toInt64(${ms}), ${step}) * ${step}`
  return sql`
    SELECT at, sum(targeted) OVER (ORDER BY at) AS targeted, sum(live) OVER (ORDER BY at) AS live
    FROM (
      SELECT change.1 AS at, sum(change.2) AS targeted, sum(change.3) AS live
      FROM (${stores})
      ARRAY JOIN arrayFilter(c -> c.1 > 0 AND c.1 <= ${window.toMs},
        [tuple(${bucket(sql`publishedMs`)}, 1, 0), tuple(if(liveMs > 0, ${bucket(sql`liveMs`)}, 0), 0, 1)]) AS change
      WHERE store != '' AND publishedMs > 0 AND ${inWindow(sql`publishedMs`, window)}
      GROUP BY at
    )
    ORDER BY at`
}

/** Per store: promotions live, promotions targeted but not live, and the p95 time to go live. */
export function storePropagationQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  limit: number,
): Sql | undefined {
  const stores = promotionStores(target, tenant, graph)
  if (!stores) return undefined
  return sql`
    SELECT store, countIf(liveMs > 0) AS live, countIf(liveMs = 0) AS missing_promotions,
      if(live = 0, -1, quantileExactIf(0.95)(liveMs - publishedMs, liveMs > 0 AND publishedMs > 0)) AS p95
    FROM (${stores})
    WHERE store != '' AND publishedMs > 0 AND ${inWindow(sql`publishedMs`, window)}
    GROUP BY store
    ORDER BY missing_promotions DESC, store
    LIMIT ${limit}`
}

/** Per store: sales published from the store, posted to the ERP, and the backlog between them. */
export function storeSalesBacklogQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  limit: number,
): Sql | undefined {
  const published = reachedColumn(graph, stageOfRole(graph.definition, 'published'))
  const posted = reachedColumn(graph, stageOfRole(graph.definition, 'erp_posted'))
  if (!published || !posted) return undefined
  return sql`
    SELECT store, countIf(${published} > 0) AS published, countIf(${posted} > 0) AS posted,
      countIf(${published} > 0 AND ${posted} = 0) AS backlog, minIf(${published}, ${published} > 0 AND ${posted} = 0) AS oldestMs
    FROM (${journeyRowsQuery(target, tenant, graph, [], { window })})
    WHERE store != '' AND ${inWindow(sql`startedMs`, window)}
    GROUP BY store
    ORDER BY backlog DESC, store
    LIMIT ${limit}
    ${STATUS_SETTINGS}`
}

/** One row per settlement of the window: its posting status, the batch's amount and currency, and since when it waits. */
function settlementRows(target: SchemaTarget, tenant: string, graph: StageGraph, window: StatsWindow): Sql | undefined {
  const batched = stageOfRole(graph.definition, 'batched')
  const posted = reachedColumn(graph, stageOfRole(graph.definition, 'erp_posted'))
  const reconciled = reachedColumn(graph, stageOfRole(graph.definition, 'reconciled'))
  if (!batched || !posted || !reconciled) return undefined
  const batchedAt = reachedColumn(graph, batched)!
  return sql`
    SELECT multiIf(${reconciled} > 0, 'reconciled', ${posted} > 0, 'posted', 'unposted') AS status, batch_currency AS currency,
      batch_amount AS amount, if(${batchedAt} > 0, ${batchedAt}, startedMs) AS sinceMs
    FROM (${journeyRowsQuery(target, tenant, graph, [sql`maxIf(Amount, Stage = ${batched}) AS batch_amount`, sql`max(Currency) AS batch_currency`], { window })})
    WHERE ${inWindow(sql`startedMs`, window)}`
}

/** Settlements per posting status and currency: how many, how much (`retail.amount` of the batch) and since when. */
export function settlementPostingQuery(target: SchemaTarget, tenant: string, graph: StageGraph, window: StatsWindow): Sql | undefined {
  const rows = settlementRows(target, tenant, graph, window)
  if (!rows) return undefined
  return sql`
    SELECT status, currency, count() AS settlements, round(sum(amount), 2) AS amount, min(sinceMs) AS oldestMs
    FROM (${rows})
    GROUP BY status, currency
    ORDER BY status, currency
    ${STATUS_SETTINGS}`
}

/** Unposted settlements per age band (since the batch) and currency. */
export function unpostedSettlementAgesQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  nowMs: number,
): Sql | undefined {
  const rows = settlementRows(target, tenant, graph, window)
  if (!rows) return undefined
  return sql`
    SELECT ${postingAgeSql(sql`(${typed(nowMs, 'Int64')} - toInt64(sinceMs))`)} AS band, currency, count() AS settlements, round(sum(amount), 2) AS amount
    FROM (${rows})
    WHERE status = 'unposted'
    GROUP BY band, currency
    ORDER BY band, currency
    ${STATUS_SETTINGS}`
}
