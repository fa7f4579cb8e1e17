/**
 * The journey store: one journey stitched across traces and keys, lists of journeys and the
 * dashboards' aggregates, for the journey types the platform is configured with.
 */
import type {
  JourneyListResponse,
  JourneyResponse,
  JourneyStatusCountsResponse,
  JourneyTrendsResponse,
  PromotionPropagationResponse,
  RefundPostingResponse,
  SettlementPostingResponse,
  TaxPostingResponse,
  DuplicatePostingsResponse,
  StageLatencyResponse,
  StoreSalesBacklogResponse,
  StockDecrementsResponse,
} from '../core/index.ts'
import type { Warehouse, SchemaTarget } from '../storage/index.ts'
import { DEFAULT_CLOSURE_BOUNDS } from './lookup/closure.ts'
import type { JourneyDefinition } from './model/model.ts'
import { stageGraph, type StageGraph } from './model/stage-graph.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { lookupJourney, type LookupBounds } from './lookup/lookup.ts'
import type { JourneySpanBackfill } from './span-index/backfill.ts'
import {
  journeyStatusCounts,
  listJourneys,
  promotionPropagation,
  settlementPosting,
  duplicatePostings,
  stageLatency,
  storeSalesBacklog,
} from './lists/journey-lists.ts'
import type { JourneyListFilter, LatencyDimension } from './lists/list-query.ts'
import type { StatsWindow } from './lists/stats-queries.ts'
import { journeyTrends } from './lists/journey-trends.ts'
import { refundPosting } from './lists/refund-posting.ts'
import type { RefundFilter } from './lists/refund-queries.ts'
import { taxPostings } from './lists/tax-postings.ts'
import type { TaxFilter } from './lists/tax-queries.ts'
import type { TrendFilter } from './lists/trend-queries.ts'
import { stockDecrements } from './lists/stock-decrements.ts'
import { liveJourneys, summarisedJourneys, type JourneySource } from './summaries/journey-source.ts'
import type { JourneySummariser } from './summaries/summariser.ts'

/** Bounds that keep a lookup to a handful of small reads whatever the table sizes. */
export const DEFAULT_LOOKUP_BOUNDS: LookupBounds = Object.freeze({
  closure: DEFAULT_CLOSURE_BOUNDS,
  maxTraces: 2000,
  linkHops: 2,
  maxSpans: 5000,
  maxSpansPerStage: 200,
})

/** Journeys and their aggregates. */
export interface JourneyStore {
  /** The configured journey types, in order. */
  readonly types: readonly string[]
  /** A journey type's definition, or undefined for a type that is not configured. */
  definition(type: string): JourneyDefinition | undefined
  /** One journey; undefined when none of its stages was seen. */
  lookup(tenant: string, type: string, key: string, now: Date): Promise<JourneyResponse | undefined>
  /** A page of a type's journeys, or of every type's when `type` is undefined. */
  list(tenant: string, type: string | undefined, filter: JourneyListFilter, now: Date): Promise<JourneyListResponse>
  /** Journeys of every type per status. */
  statusCounts(tenant: string, window: StatsWindow, now: Date): Promise<JourneyStatusCountsResponse>
  /** Stage-to-stage latency percentiles of a type. */
  latency(tenant: string, type: string, by: LatencyDimension, window: StatsWindow, now: Date): Promise<StageLatencyResponse>
  /** A type's journeys over time: starts by status, and per stage the journeys that reached it and how long it took. */
  trends(tenant: string, type: string, filter: TrendFilter, stepSeconds: number, now: Date): Promise<JourneyTrendsResponse>
  /** Promotion propagation per promotion and per store, and its reach over the window. */
  promotions(tenant: string, window: StatsWindow, now: Date): Promise<PromotionPropagationResponse>
  /** Store sales published versus posted, per store. */
  storeSales(tenant: string, window: StatsWindow, now: Date): Promise<StoreSalesBacklogResponse>
  /** Store sales whose stock decrement never showed in the ERP's readings in time, per store and SKU. */
  stockDecrements(tenant: string, window: StatsWindow, now: Date): Promise<StockDecrementsResponse>
  /** Settlements by posting status. */
  settlements(tenant: string, window: StatsWindow, now: Date): Promise<SettlementPostingResponse>
  /** Tax postings of the journeys due one in the window, by state, with amounts. */
  taxes(tenant: string, filter: TaxFilter, now: Date): Promise<TaxPostingResponse>
  /** Returns by where their refund stands on its way to the ERP, with amounts. */
  refunds(tenant: string, filter: RefundFilter, now: Date): Promise<RefundPostingResponse>
  /** Once-only stages reached by more than one document: double postings and double refunds. */
  duplicates(tenant: string, window: StatsWindow): Promise<DuplicatePostingsResponse>
}

/** Options of a journey store. */
export interface JourneyStoreOptions {
  readonly bounds?: LookupBounds
  /** Lists and counts read its summaries where it has them, and evaluate live otherwise. */
  readonly summaries?: Pick<JourneySummariser, 'marks' | 'refresh'>
  /** Lookups read the journey-span index from where its backfill has reached; without one, the index is taken as whole. */
  readonly spanIndex?: Pick<JourneySpanBackfill, 'indexedFromNs'>
}

/** Creates the journey store for the configured journeys. */
export function createJourneyStore(
  warehouse: Warehouse,
  target: SchemaTarget,
  journeys: readonly JourneyDefinition[],
  options: JourneyStoreOptions = {},
): JourneyStore {
  const graphs = new Map(journeys.map((journey) => [journey.type, stageGraph(journey)]))
  const spanIndex = options.spanIndex
  const context = {
    warehouse,
    target,
    journeys,
    graphs,
    recogniser: stageRecogniser(journeys),
    bounds: options.bounds ?? DEFAULT_LOOKUP_BOUNDS,
    indexedFromNs: spanIndex ? () => spanIndex.indexedFromNs() : () => '0',
  }
  const summaries = options.summaries
  /** The journeys of the types to read: summaries brought up to date, or a live evaluation. */
  const source = async (tenant: string, types: readonly string[], now: Date): Promise<JourneySource> => {
    if (!summaries) return liveJourneys(target, tenant, now.getTime())
    await summaries.refresh(tenant, types)
    return summarisedJourneys(target, tenant, now.getTime(), summaries.marks())
  }
  const allTypes = journeys.map((journey) => journey.type)
  const graphOf = (type: string): StageGraph => {
    const graph = graphs.get(type)
    // The HTTP edge checks types first; an unknown one here is a bug.
    if (!graph) throw new Error(`unknown journey type ${type}`)
    return graph
  }
  return {
    types: journeys.map((journey) => journey.type),
    definition: (type) => graphs.get(type)?.definition,
    lookup: (tenant, type, key, now) => lookupJourney(context, tenant, graphOf(type).definition, key, now),
    list: async (tenant, type, filter, now) => {
      const listed = type === undefined ? [...graphs.values()] : [graphOf(type)]
      return listJourneys(
        warehouse,
        await source(
          tenant,
          listed.map((graph) => graph.definition.type),
          now,
        ),
        listed,
        type ?? '',
        filter,
        now,
      )
    },
    statusCounts: async (tenant, window, now) =>
      journeyStatusCounts(warehouse, await source(tenant, allTypes, now), [...graphs.values()], window),
    latency: async (tenant, type, by, window, now) => stageLatency(warehouse, await source(tenant, [type], now), graphOf(type), by, window),
    trends: async (tenant, type, filter, stepSeconds, now) =>
      journeyTrends(warehouse, await source(tenant, [type], now), graphOf(type), filter, stepSeconds),
    promotions: async (tenant, window, now) => {
      const promotion = graphs.get('promotion')
      return promotion
        ? promotionPropagation(warehouse, target, tenant, promotion, window, now)
        : { promotions: [], stores: [], stepSeconds: 0, reach: [] }
    },
    storeSales: async (tenant, window, now) => {
      const sale = graphs.get('sale')
      return sale ? storeSalesBacklog(warehouse, target, tenant, sale, window, now) : { stores: [] }
    },
    stockDecrements: async (tenant, window, now) => {
      const sale = graphs.get('sale')
      return sale
        ? stockDecrements(warehouse, target, tenant, sale, window, now)
        : { stage: '', withinMs: 0, system: '', missed: 0, awaited: 0, skus: [], byStore: [], truncated: false }
    },
    settlements: async (tenant, window, now) => {
      const settlement = graphs.get('settlement')
      return settlement ? settlementPosting(warehouse, target, tenant, settlement, window, now) : { statuses: [], unpostedByAge: [] }
    },
    taxes: (tenant, filter, now) => taxPostings(warehouse, target, tenant, journeys, filter, now),
    refunds: (tenant, filter, now) => refundPosting(warehouse, target, tenant, [...graphs.values()], filter, now),
    duplicates: (tenant, window) => duplicatePostings(warehouse, target, tenant, journeys, window),
  }
}
