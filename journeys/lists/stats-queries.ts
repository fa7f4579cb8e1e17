/**
 * Aggregates the operations and finance pages need, read from the journey-state table: how far
 * promotions have reached the stores, store sales published versus posted to the ERP, and
 * settlements by posting status with their unposted amounts and age. Each finds the stages it
 * needs by their role (see `stageOfRole`), so renamed stages keep their statistics.
 */
import { identifier, joinSql, sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import { stageOfRole } from '../model/model.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { journeyRowsQuery, STATUS_SETTINGS } from '../status/status-query.ts'

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

/** Settlements per posting status and currency: how many, how much (`retail.amount` of the batch) and since when. */
export function settlementPostingQuery(target: SchemaTarget, tenant: string, graph: StageGraph, window: StatsWindow): Sql | undefined {
  const batched = stageOfRole(graph.definition, 'batched')
  const posted = reachedColumn(graph, stageOfRole(graph.definition, 'erp_posted'))
  const reconciled = reachedColumn(graph, stageOfRole(graph.definition, 'reconciled'))
  if (!batched || !posted || !reconciled) return undefined
  const batchedAt = reachedColumn(graph, batched)!
  return sql`
    SELECT multiIf(${reconciled} > 0, 'reconciled', ${posted} > 0, 'posted', 'unposted') AS status, batch_currency AS currency,
      count() AS settlements, round(sum(batch_amount), 2) AS amount, min(if(${batchedAt} > 0, ${batchedAt}, startedMs)) AS oldestMs
    FROM (${journeyRowsQuery(target, tenant, graph, [sql`maxIf(Amount, Stage = ${batched}) AS batch_amount`, sql`max(Currency) AS batch_currency`], { window })})
    WHERE ${inWindow(sql`startedMs`, window)}
    GROUP BY status, currency
    ORDER BY status, currency
    ${STATUS_SETTINGS}`
}
