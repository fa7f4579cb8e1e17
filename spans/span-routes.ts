/** The query API's span routes: a trace, the business-key search and the overview. */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { overviewResponseSchema, searchResponseSchema, traceResponseSchema, valueKeysResponseSchema } from '../core/api-schemas.ts'
import { ApiError, apiErrorResponses, jsonResponse, requiredTextParam, routeGroupApp, type ApiRouteGroup } from '../api/index.ts'
import { searchKeyParam } from './search-key.ts'
import type { KeyVocabulary } from './business-keys.ts'
import type { SpanStore } from './span-store.ts'

/** Longest business-key value searched for. */
const MAX_VALUE_LENGTH = 512

const traceRoute = createRoute({
  method: 'get',
  path: '/traces/{traceId}',
  summary: 'Every span of a trace, with events, links to producers and links from consumers.',
  request: {
    params: z.object({
      traceId: z
        .string()
        .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hexadecimal characters')
        .transform((id) => id.toLowerCase()),
    }),
  },
  responses: { 200: jsonResponse(traceResponseSchema, 'The trace.'), ...apiErrorResponses(400, 404) },
})

const overviewRoute = createRoute({
  method: 'get',
  path: '/overview',
  summary: 'Activity of the last hour per service and the business keys seen most recently.',
  responses: { 200: jsonResponse(overviewResponseSchema, 'Recent activity.'), ...apiErrorResponses() },
})

/** `GET /api/search`; its key is one of the vocabulary's, so the route is made with it. */
function searchRoute(vocabulary: KeyVocabulary) {
  return createRoute({
    method: 'get',
    path: '/search',
    summary: 'Traces and spans that carry a business key value.',
    request: {
      query: z.object({
        key: searchKeyParam(vocabulary),
        value: requiredTextParam(MAX_VALUE_LENGTH, 'send the value to look for, e.g. value=WEB-100234').describe(
          'The key value, e.g. WEB-100234.',
        ),
      }),
    },
    responses: { 200: jsonResponse(searchResponseSchema, 'Matching traces and spans.'), ...apiErrorResponses(400) },
  })
}

const valueKeysRoute = createRoute({
  method: 'get',
  path: '/search/keys',
  summary: 'The business keys a value was seen under (any key: an order id, a payment id, an ERP document), with their traces.',
  request: {
    query: z.object({
      value: requiredTextParam(MAX_VALUE_LENGTH, 'send the value to look for, e.g. value=WEB-100234').describe(
        'The value, e.g. WEB-100234.',
      ),
    }),
  },
  responses: { 200: jsonResponse(valueKeysResponseSchema, 'The keys that carry the value.'), ...apiErrorResponses(400) },
})

/** The span routes (`/api/traces`, `/api/search`, `/api/overview`) over one store. */
export function spanRoutes(store: SpanStore, vocabulary: KeyVocabulary): ApiRouteGroup {
  const app = routeGroupApp()
  app.openapi(traceRoute, async (c) => {
    const { traceId } = c.req.valid('param')
    const trace = await store.trace(c.get('tenant'), traceId)
    if (!trace) throw new ApiError('not_found', `no trace ${traceId}`)
    return c.json(trace, 200)
  })
  app.openapi(searchRoute(vocabulary), async (c) => {
    const { key, value } = c.req.valid('query')
    return c.json(await store.search(c.get('tenant'), key, value), 200)
  })
  app.openapi(valueKeysRoute, async (c) => c.json(await store.keysOf(c.get('tenant'), c.req.valid('query').value), 200))
  app.openapi(overviewRoute, async (c) => c.json(await store.overview(c.get('tenant'), new Date()), 200))
  return { path: '', app }
}
