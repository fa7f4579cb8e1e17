/**
 * The query API's estate routes under `/api/estate`: what the spans alone say about the
 * integrations, for the IT, overview and operations pages. Every answer is the caller's
 * tenant's, within a window of the last hour by default and seven days at most.
 */
import { createRoute, type RouteConfig } from '@hono/zod-openapi'
import type { z } from 'zod'
import {
  estateFiltersResponseSchema,
  estateHopsResponseSchema,
  estateLatencyResponseSchema,
  estateMessagesResponseSchema,
  estateStockResponseSchema,
  estateTracesResponseSchema,
} from '../../core/api-schemas.ts'
import { apiErrorResponses, jsonResponse, routeGroupApp, type ApiRouteGroup } from '../../api/index.ts'
import type { EstateStore } from '../estate-store.ts'
import { estateQuery, latencyQuery, stockQuery } from './estate-params.ts'

type QuerySchema = NonNullable<NonNullable<RouteConfig['request']>['query']>

/** A GET route of the estate with its query and its answer. */
function estateRoute<Q extends QuerySchema, S extends z.ZodType>(path: string, summary: string, query: Q, schema: S, answer: string) {
  return createRoute({
    method: 'get',
    path,
    summary,
    request: { query },
    responses: { 200: jsonResponse(schema, answer), ...apiErrorResponses(400) },
  })
}

/** The GET routes of `/api/estate`, over an estate store; `clock` is for tests. */
export function estateRoutes(estate: EstateStore, clock: () => number = Date.now): ApiRouteGroup {
  const app = routeGroupApp()
  const scope = estateQuery(clock)

  app.openapi(
    estateRoute(
      '/latency',
      'Latency percentiles (p50, p95, p99) and errors over time: entry spans (server, consumer, root) per service, or with service every span of that service per span name.',
      latencyQuery(clock),
      estateLatencyResponseSchema,
      'Series, busiest first, at most 20.',
    ),
    async (c) => {
      const { scope: asked, stepSeconds } = c.req.valid('query')
      return c.json(await estate.latency({ tenant: c.get('tenant'), ...asked }, stepSeconds), 200)
    },
  )
  app.openapi(
    estateRoute(
      '/hops',
      'Services and the hops between them: HTTP calls (a client span and the server span under it) and messages (a consumer span linked to its producer), with throughput, latency, errors, retries and dead letters.',
      scope,
      estateHopsResponseSchema,
      'Hops and services.',
    ),
    async (c) => c.json(await estate.hops({ tenant: c.get('tenant'), ...c.req.valid('query') }), 200),
  )
  app.openapi(
    estateRoute(
      '/slow-traces',
      'The 50 slowest traces that started in the window, with their root span, services and business keys.',
      scope,
      estateTracesResponseSchema,
      'Traces.',
    ),
    async (c) => c.json(await estate.traces({ tenant: c.get('tenant'), ...c.req.valid('query') }, 'slowest'), 200),
  )
  app.openapi(
    estateRoute('/failed-traces', 'The 50 newest traces with an error span in the window.', scope, estateTracesResponseSchema, 'Traces.'),
    async (c) => c.json(await estate.traces({ tenant: c.get('tenant'), ...c.req.valid('query') }, 'failed'), 200),
  )
  app.openapi(
    estateRoute(
      '/failed-messages',
      'Message deliveries that failed, were retries (retail.retry.attempt) or were dead-lettered (retail.dead_letter), newest first with their business keys, and totals.',
      scope,
      estateMessagesResponseSchema,
      'Deliveries and counts.',
    ),
    async (c) => c.json(await estate.messages({ tenant: c.get('tenant'), ...c.req.valid('query') }, new Date(clock())), 200),
  )
  app.openapi(
    estateRoute(
      '/stock',
      'SKUs whose latest retail.inventory.on_hand differs between systems at a location by more than tolerance, now and settle ago, with totals per store and channel.',
      stockQuery(clock),
      estateStockResponseSchema,
      'Mismatches.',
    ),
    async (c) => {
      const { scope: asked, options } = c.req.valid('query')
      return c.json(await estate.stock({ tenant: c.get('tenant'), ...asked }, options), 200)
    },
  )
  app.openapi(
    estateRoute(
      '/filters',
      'Stores, channels, regions and services seen in the window, for filter lists.',
      scope,
      estateFiltersResponseSchema,
      'Values.',
    ),
    async (c) => c.json(await estate.filterValues({ tenant: c.get('tenant'), ...c.req.valid('query') }), 200),
  )
  return { path: '/estate', app }
}
