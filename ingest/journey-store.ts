/**
 * The journey store: one journey stitched across traces and keys, lists of journeys and the
 * dashboards' aggregates, for the journey types the platform is configured with.
 */
import type {
  JourneyListResponse, JourneyResponse, JourneyStatusCountsResponse, PromotionPropagationResponse, SettlementPostingResponse, StageLatencyResponse, StoreSalesBacklogResponse,
} from '../core/index.ts'
import type { Warehouse } from './clickhouse/connection.ts'
import type { SchemaTarget } from './clickhouse/schema.ts'
import { DEFAULT_CLOSURE_BOUNDS } from './journeys/closure.ts'
import type { JourneyDefinition } from './journeys/model.ts'
import { stageGraph, type StageGraph } from './journeys/stage-graph.ts'
import { stageRecogniser } from './journeys/stage-recogniser.ts'
import { lookupJourney, type LookupBounds } from './journey-lookup.ts'
import { journeyStatusCounts, listJourneys, promotionPropagation, settlementPosting, stageLatency, storeSalesBacklog } from './journey-listing.ts'
import type { JourneyListFilter, LatencyDimension } from './queries/journey-list.ts'
import type { StatsWindow } from './queries/journey-stats.ts'

/** Bounds that keep a lookup to a handful of small reads whatever the table sizes. */
export const DEFAULT_LOOKUP_BOUNDS: LookupBounds = Object.freeze({ closure: DEFAULT_CLOSURE_BOUNDS, maxTraces: 2000, linkHops: 2, maxSpans: 5000, maxSpansPerStage: 200 })

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
  /** Promotion propagation per promotion and per store. */
  promotions(tenant: string, window: StatsWindow): Promise<PromotionPropagationResponse>
  /** Store sales published versus posted, per store. */
  storeSales(tenant: string, window: StatsWindow, now: Date): Promise<StoreSalesBacklogResponse>
  /** Settlements by posting status. */
  settlements(tenant: string, window: StatsWindow, now: Date): Promise<SettlementPostingResponse>
}

/** Creates the journey store for the configured journeys. */
export function createJourneyStore(warehouse: Warehouse, target: SchemaTarget, journeys: readonly JourneyDefinition[], bounds: LookupBounds = DEFAULT_LOOKUP_BOUNDS): JourneyStore {
  const graphs = new Map(journeys.map((journey) => [journey.type, stageGraph(journey)]))
  const context = { warehouse, target, journeys, graphs, recogniser: stageRecogniser(journeys), bounds }
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
    list: (tenant, type, filter, now) => listJourneys(warehouse, target, tenant, type === undefined ? [...graphs.values()] : [graphOf(type)], type ?? '', filter, now),
    statusCounts: (tenant, window, now) => journeyStatusCounts(warehouse, target, tenant, [...graphs.values()], window, now),
    latency: (tenant, type, by, window, now) => stageLatency(warehouse, target, tenant, graphOf(type), by, window, now),
    promotions: async (tenant, window) => {
      const promotion = graphs.get('promotion')
      return promotion ? promotionPropagation(warehouse, target, tenant, promotion.definition.rootKey, window) : { promotions: [], stores: [] }
    },
    storeSales: async (tenant, window, now) => {
      const sale = graphs.get('sale')
      return sale ? storeSalesBacklog(warehouse, target, tenant, sale, window, now) : { stores: [] }
    },
    settlements: async (tenant, window, now) => {
      const settlement = graphs.get('settlement')
      return settlement ? settlementPosting(warehouse, target, tenant, settlement, window, now) : { statuses: [] }
    },
  }
}
