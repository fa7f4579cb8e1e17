/**
 * Journey lists and aggregates, read from the journey-state table: a page of journeys of a type
 * by status, store, channel, region and start time, counts by status, stage-to-stage latency,
 * promotion propagation, store-sale backlog and settlement posting.
 */
import type {
  JourneyListResponse,
  JourneyStatus,
  JourneyStatusCountsResponse,
  PromotionPropagationResponse,
  SettlementPostingResponse,
  DuplicatePostingsResponse,
  StageLatencyResponse,
  StoreSalesBacklogResponse,
} from '../../core/index.ts'
import { autoStepSeconds, JOURNEY_STATUSES } from '../../core/index.ts'
import { postingAgeLabel } from './posting-age.ts'
import type { SchemaTarget, Warehouse } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import {
  journeyListQuery,
  journeyStatusCountsQuery,
  stageLatencyQuery,
  type JourneyListFilter,
  type JourneyListRow,
  type LatencyDimension,
} from './list-query.ts'
import type { JourneySource } from '../summaries/journey-source.ts'
import { duplicatePostingsQuery, MAX_DUPLICATES } from './duplicate-queries.ts'
import type { JourneyDefinition } from '../model/model.ts'
import {
  promotionPropagationQuery,
  promotionReachQuery,
  settlementPostingQuery,
  unpostedSettlementAgesQuery,
  storePropagationQuery,
  storeSalesBacklogQuery,
  type StatsWindow,
} from './stats-queries.ts'

const MAX_GROUPS = 1000
const MAX_PROMOTIONS = 50
/** The reach of promotions over an open window covers the last week. */
const DEFAULT_REACH_MS = 7 * 86_400_000
const iso = (ms: number): string => new Date(ms).toISOString()

/** A page of journeys of the given types; `type` names the one asked for, or is empty for all. */
export async function listJourneys(
  warehouse: Warehouse,
  source: JourneySource,
  graphs: readonly StageGraph[],
  type: string,
  filter: JourneyListFilter,
  now: Date,
): Promise<JourneyListResponse> {
  if (graphs.length === 0) return { type, total: 0, limit: filter.limit, offset: filter.offset, journeys: [] }
  const query = journeyListQuery(source, graphs, filter)
  const [rows, [total]] = await Promise.all([
    warehouse.rows<JourneyListRow>(query.page),
    warehouse.rows<{ total: number | string }>(query.total),
  ])
  return {
    type,
    total: Number(total?.total ?? 0),
    limit: filter.limit,
    offset: filter.offset,
    journeys: rows.map((row) => ({
      type: row.type,
      key: row.key,
      status: row.status as JourneyStatus,
      late: Number(row.late) === 1,
      startedAt: iso(Number(row.startedMs)),
      lastActivityAt: iso(Number(row.lastMs)),
      ageMs: Math.max(0, now.getTime() - Number(row.startedMs)),
      currentStage: row.currentStage,
      currentSystem: row.currentSystem,
      store: row.store,
      channel: row.channel,
      region: row.region,
      stagesReached: Number(row.stagesReached),
      stageCount: Number(row.stageCount),
      ...(Number(row.amount) > 0 ? { amount: Number(row.amount), ...(row.currency ? { currency: row.currency } : {}) } : {}),
    })),
  }
}

/** Journeys per type and status. */
export async function journeyStatusCounts(
  warehouse: Warehouse,
  source: JourneySource,
  graphs: readonly StageGraph[],
  window: StatsWindow,
): Promise<JourneyStatusCountsResponse> {
  const types = await Promise.all(
    graphs.map(async (graph) => {
      const rows = await warehouse.rows<{ status: string; journeys: number | string }>(journeyStatusCountsQuery(source, graph, window))
      const counts = Object.fromEntries(JOURNEY_STATUSES.map((status) => [status, 0])) as Record<JourneyStatus, number>
      for (const row of rows) counts[row.status as JourneyStatus] = Number(row.journeys)
      return { type: graph.definition.type, total: rows.reduce((sum, row) => sum + Number(row.journeys), 0), counts }
    }),
  )
  return { types }
}

/** Stage-to-stage latency percentiles of a type, per store, channel or region. */
export async function stageLatency(
  warehouse: Warehouse,
  source: JourneySource,
  graph: StageGraph,
  by: LatencyDimension,
  window: StatsWindow,
): Promise<StageLatencyResponse> {
  const rows = await warehouse.rows<{
    from: string
    to: string
    grp: string
    count: number | string
    p50: number
    p95: number
    p99: number
  }>(stageLatencyQuery(source, graph, by, window))
  return {
    type: graph.definition.type,
    by,
    transitions: rows.map((row) => ({
      from: row.from,
      to: row.to,
      group: row.grp,
      count: Number(row.count),
      p50Ms: Number(row.p50),
      p95Ms: Number(row.p95),
      p99Ms: Number(row.p99),
    })),
  }
}

/** How far the latest promotions have reached the stores, and each store's record. */
export async function promotionPropagation(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  now: Date,
): Promise<PromotionPropagationResponse> {
  const toMs = window.toMs ?? now.getTime()
  const reachWindow = { fromMs: window.fromMs ?? toMs - DEFAULT_REACH_MS, toMs }
  const stepSeconds = autoStepSeconds(reachWindow.toMs - reachWindow.fromMs)
  const promotionsQuery = promotionPropagationQuery(target, tenant, graph, window, MAX_PROMOTIONS)
  const storesQuery = storePropagationQuery(target, tenant, graph, window, MAX_GROUPS)
  const reachQuery = promotionReachQuery(target, tenant, graph, reachWindow, stepSeconds * 1000)
  if (!promotionsQuery || !storesQuery || !reachQuery) return { promotions: [], stores: [], stepSeconds, reach: [] }
  const [promotions, stores, reach] = await Promise.all([
    warehouse.rows<{
      promotionId: string
      published: number | string
      targeted: number | string
      live: number | string
      missing: string[]
      p95: number | string
    }>(promotionsQuery),
    warehouse.rows<{ store: string; live: number | string; missing_promotions: number | string; p95: number | string }>(storesQuery),
    warehouse.rows<{ at: number | string; targeted: number | string; live: number | string }>(reachQuery),
  ])
  return {
    promotions: promotions.map((row) => ({
      promotionId: row.promotionId,
      publishedAt: iso(Number(row.published)),
      storesTargeted: Number(row.targeted),
      storesLive: Number(row.live),
      missingStores: row.missing,
      ...(Number(row.p95) >= 0 ? { p95LiveMs: Number(row.p95) } : {}),
    })),
    stores: stores.map((row) => ({
      store: row.store,
      promotionsLive: Number(row.live),
      promotionsMissing: Number(row.missing_promotions),
      ...(Number(row.p95) >= 0 ? { p95LiveMs: Number(row.p95) } : {}),
    })),
    stepSeconds,
    reach: reach.map((row) => ({ at: iso(Number(row.at)), targeted: Number(row.targeted), live: Number(row.live) })),
  }
}

/** Store sales published versus posted to the ERP, per store, biggest backlog first. */
export async function storeSalesBacklog(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  now: Date,
): Promise<StoreSalesBacklogResponse> {
  const query = storeSalesBacklogQuery(target, tenant, graph, window, MAX_GROUPS)
  if (!query) return { stores: [] }
  const rows = await warehouse.rows<{
    store: string
    published: number | string
    posted: number | string
    backlog: number | string
    oldestMs: number | string
  }>(query)
  return {
    stores: rows.map((row) => ({
      store: row.store,
      published: Number(row.published),
      posted: Number(row.posted),
      backlog: Number(row.backlog),
      ...(Number(row.backlog) > 0
        ? { oldestUnpostedAt: iso(Number(row.oldestMs)), oldestUnpostedAgeMs: now.getTime() - Number(row.oldestMs) }
        : {}),
    })),
  }
}

/** Settlements by posting status and currency, with amounts and the oldest of each. */
export async function settlementPosting(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  window: StatsWindow,
  now: Date,
): Promise<SettlementPostingResponse> {
  const query = settlementPostingQuery(target, tenant, graph, window)
  const agesQuery = unpostedSettlementAgesQuery(target, tenant, graph, window, now.getTime())
  if (!query || !agesQuery) return { statuses: [], unpostedByAge: [] }
  const [rows, ages] = await Promise.all([
    warehouse.rows<{
      status: 'unposted' | 'posted' | 'reconciled'
      currency: string
      settlements: number | string
      amount: number | string
      oldestMs: number | string
    }>(query),
    warehouse.rows<{ band: number | string; currency: string; settlements: number | string; amount: number | string }>(agesQuery),
  ])
  return {
    unpostedByAge: ages.map((row) => ({
      age: postingAgeLabel(row.band),
      currency: row.currency,
      count: Number(row.settlements),
      amount: Number(row.amount),
    })),
    statuses: rows.map((row) => ({
      status: row.status,
      currency: row.currency,
      count: Number(row.settlements),
      amount: Number(row.amount),
      ...(Number(row.oldestMs) > 0 ? { oldestAt: iso(Number(row.oldestMs)), oldestAgeMs: now.getTime() - Number(row.oldestMs) } : {}),
    })),
  }
}

/** Once-only stages reached by more than one document, newest first, with the amounts they put at risk. */
export async function duplicatePostings(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  journeys: readonly JourneyDefinition[],
  window: StatsWindow,
): Promise<DuplicatePostingsResponse> {
  const query = duplicatePostingsQuery(target, tenant, journeys, window)
  if (!query) return { duplicates: [], truncated: false }
  const rows = await warehouse.rows<{
    type: string
    key: string
    stage: string
    store: string
    channel: string
    postings: number | string
    documents: string[]
    amount: number | string
    currency: string
    firstMs: number | string
    lastMs: number | string
    traces: string[]
  }>(query)
  return {
    duplicates: rows.slice(0, MAX_DUPLICATES).map((row) => {
      const postings = Number(row.postings)
      const amount = Number(row.amount)
      return {
        type: row.type,
        key: row.key,
        stage: row.stage,
        ...(row.store ? { store: row.store } : {}),
        ...(row.channel ? { channel: row.channel } : {}),
        postings,
        documents: row.documents,
        ...(amount > 0 ? { amount, amountAtRisk: amount * (postings - 1), ...(row.currency ? { currency: row.currency } : {}) } : {}),
        firstAt: iso(Number(row.firstMs)),
        lastAt: iso(Number(row.lastMs)),
        traces: row.traces,
      }
    }),
    truncated: rows.length > MAX_DUPLICATES,
  }
}
