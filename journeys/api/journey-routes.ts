/** The query API's journey routes: one journey, lists, the types in force, and the aggregates the dashboards draw. */
import { createRoute } from '@hono/zod-openapi'
import type { z } from 'zod'
import {
  duplicatePostingsResponseSchema,
  journeyListResponseSchema,
  journeyResponseSchema,
  journeyStatusCountsResponseSchema,
  journeyTrendsResponseSchema,
  journeyTypesResponseSchema,
  promotionPropagationResponseSchema,
  refundPostingResponseSchema,
  taxPostingResponseSchema,
  settlementPostingResponseSchema,
  stageLatencyResponseSchema,
  stockDecrementsResponseSchema,
  storeSalesBacklogResponseSchema,
} from '../../core/api-schemas.ts'
import { ApiError, apiErrorResponses, jsonResponse, routeGroupApp, type ApiRouteGroup } from '../../api/index.ts'
import type { JourneyStore } from '../journey-store.ts'
import { journeyTypeView } from '../model/type-view.ts'
import {
  journeyListQuery,
  journeyPathParams,
  journeyTrendsQuery,
  scopedStatsQuery,
  stageLatencyQuery,
  statsWindowQuery,
} from './journey-params.ts'

/** An aggregate over the journeys that started in a window. */
function statsRoute<S extends z.ZodType>(stat: string, summary: string, schema: S) {
  return createRoute({
    method: 'get',
    path: `/journeys/stats/${stat}`,
    summary,
    request: { query: statsWindowQuery },
    responses: { 200: jsonResponse(schema, summary), ...apiErrorResponses(400) },
  })
}

const typesRoute = createRoute({
  method: 'get',
  path: '/journeys/types',
  summary:
    'The journey types in force (the defaults as the config file adjusted them, and the types it added): root key, linked keys, and each stage with its predecessors, SLA, branch and role.',
  responses: { 200: jsonResponse(journeyTypesResponseSchema, 'The journey types, in order.'), ...apiErrorResponses() },
})

const statusRoute = statsRoute('status', 'Journeys per type and status.', journeyStatusCountsResponseSchema)
const promotionsRoute = statsRoute(
  'promotions',
  'Promotion propagation: per promotion the stores targeted, live and missing; per store the promotions live and missing.',
  promotionPropagationResponseSchema,
)
const storeSalesRoute = statsRoute(
  'store-sales',
  'Store sales published versus posted to the ERP, per store, with the backlog and the age of its oldest sale.',
  storeSalesBacklogResponseSchema,
)
const settlementsRoute = statsRoute(
  'settlements',
  'Settlements by posting status (unposted, posted, reconciled) and currency, with amounts (retail.amount of the batch) and the oldest.',
  settlementPostingResponseSchema,
)

const refundsRoute = createRoute({
  method: 'get',
  path: '/journeys/stats/refunds',
  summary:
    'Returns by where their refund stands: awaiting the refund, refunded and not credited in the ERP (with amounts, by age, and the 20 longest waiting), credited.',
  request: { query: scopedStatsQuery },
  responses: { 200: jsonResponse(refundPostingResponseSchema, 'Refunds on their way to the ERP.'), ...apiErrorResponses(400) },
})

const taxesRoute = createRoute({
  method: 'get',
  path: '/journeys/stats/taxes',
  summary:
    'Tax postings (the stage with the tax_posted role, sale.tax_posted and order.tax_posted by default) of the journeys whose stage before it was reached in the window: posted in time or late, pending, overdue or failed, with amounts, and the 20 overdue the longest.',
  request: { query: scopedStatsQuery },
  responses: { 200: jsonResponse(taxPostingResponseSchema, 'Tax postings by state.'), ...apiErrorResponses(400) },
})

const stockDecrementsRoute = statsRoute(
  'stock-decrements',
  "Store sales of a SKU whose stock decrement never showed in the ERP's readings of that SKU and location within the sale's SLA to its ERP posting, per store and SKU; the window is on the sales.",
  stockDecrementsResponseSchema,
)

const duplicatesRoute = statsRoute(
  'duplicates',
  'Once-only stages (an order created in the ERP, a sale posted, a refund paid) reached by more than one document, with the amounts at risk; the window is on the postings.',
  duplicatePostingsResponseSchema,
)

/** The routes whose parameters name a journey type: declared with the types in force. */
function typedRoutes(types: readonly string[]) {
  return {
    list: createRoute({
      method: 'get',
      path: '/journeys',
      summary: 'Journeys with their current stage and status, from the incremental journey state (stages whose spans carry the root key).',
      request: { query: journeyListQuery(types) },
      responses: {
        200: jsonResponse(journeyListResponseSchema, 'A page of journeys and the total that match.'),
        ...apiErrorResponses(400),
      },
    }),
    latency: createRoute({
      method: 'get',
      path: '/journeys/stats/latency',
      summary: 'Percentiles (p50, p95, p99) of the time from each stage to the next, per store, channel or region.',
      request: { query: stageLatencyQuery(types) },
      responses: { 200: jsonResponse(stageLatencyResponseSchema, 'Stage-to-stage latency.'), ...apiErrorResponses(400) },
    }),
    trends: createRoute({
      method: 'get',
      path: '/journeys/stats/trends',
      summary:
        'Journeys of a type over time, in about 60 buckets: starts by where they stand now, and per stage the journeys that reached it and the p95 time from the stage before.',
      request: { query: journeyTrendsQuery(types) },
      responses: { 200: jsonResponse(journeyTrendsResponseSchema, 'Journeys over time.'), ...apiErrorResponses(400) },
    }),
    lookup: createRoute({
      method: 'get',
      path: '/journeys/{type}/{key}',
      summary:
        'One journey stitched across traces, systems and linked keys: stages (reached, when, by which system and span, late or missing against the SLA), linked keys and their journeys, skipped keys, traces and a timeline.',
      request: { params: journeyPathParams(types) },
      responses: { 200: jsonResponse(journeyResponseSchema, 'The journey.'), ...apiErrorResponses(400, 404) },
    }),
  }
}

/** The /api/journeys routes over a journey store. */
export function journeyRoutes(journeys: JourneyStore): ApiRouteGroup {
  const app = routeGroupApp()
  const typed = typedRoutes(journeys.types)
  app.openapi(typed.list, async (c) => {
    const { type, filter } = c.req.valid('query')
    return c.json(await journeys.list(c.get('tenant'), type, filter, new Date()), 200)
  })
  app.openapi(typesRoute, (c) => c.json({ types: journeys.types.map((type) => journeyTypeView(journeys.definition(type)!)) }, 200))
  // Declared before /journeys/{type}/{key}, which would otherwise take `stats` for a type.
  app.openapi(statusRoute, async (c) => c.json(await journeys.statusCounts(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(typed.latency, async (c) => {
    const { type, by, window } = c.req.valid('query')
    return c.json(await journeys.latency(c.get('tenant'), type, by, window, new Date()), 200)
  })
  app.openapi(typed.trends, async (c) => {
    const { type, filter, stepSeconds } = c.req.valid('query')
    return c.json(await journeys.trends(c.get('tenant'), type, filter, stepSeconds, new Date()), 200)
  })
  app.openapi(promotionsRoute, async (c) => c.json(await journeys.promotions(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(taxesRoute, async (c) => c.json(await journeys.taxes(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(refundsRoute, async (c) => c.json(await journeys.refunds(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(storeSalesRoute, async (c) => c.json(await journeys.storeSales(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(settlementsRoute, async (c) => c.json(await journeys.settlements(c.get('tenant'), c.req.valid('query'), new Date()), 200))
  app.openapi(stockDecrementsRoute, async (c) =>
    c.json(await journeys.stockDecrements(c.get('tenant'), c.req.valid('query'), new Date()), 200),
  )
  app.openapi(duplicatesRoute, async (c) => c.json(await journeys.duplicates(c.get('tenant'), c.req.valid('query')), 200))
  app.openapi(typed.lookup, async (c) => {
    const { type, key } = c.req.valid('param')
    const journey = await journeys.lookup(c.get('tenant'), type, key, new Date())
    if (!journey) throw new ApiError('not_found', `no ${type} journey ${key}`)
    return c.json(journey, 200)
  })
  return { path: '', app }
}
