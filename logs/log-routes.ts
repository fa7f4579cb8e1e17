/** The query API's log route: the records of a trace, or those that carry a business key value. */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { logsResponseSchema } from '../core/api-schemas.ts'
import { ApiError, apiErrorResponses, jsonResponse, routeGroupApp, type ApiRouteGroup } from '../api/index.ts'
import { searchKeyParam, type KeyVocabulary } from '../spans/index.ts'
import type { LogStore } from './log-store.ts'

const MAX_VALUE_LENGTH = 512

function logsRoute(vocabulary: KeyVocabulary) {
  return createRoute({
    method: 'get',
    path: '/logs',
    summary: 'Log records of a trace (traceId), or the newest that carry a business key value (key and value).',
    request: {
      query: z.object({
        traceId: z
          .string()
          .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hexadecimal characters')
          .transform((id) => id.toLowerCase())
          .optional(),
        key: searchKeyParam(vocabulary).optional(),
        value: z.string().min(1).max(MAX_VALUE_LENGTH).optional().describe('The key value, e.g. WEB-100234.'),
      }),
    },
    responses: { 200: jsonResponse(logsResponseSchema, 'The log records.'), ...apiErrorResponses(400) },
  })
}

/** `GET /api/logs` over one store. */
export function logRoutes(store: LogStore, vocabulary: KeyVocabulary): ApiRouteGroup {
  const app = routeGroupApp()
  app.openapi(logsRoute(vocabulary), async (c) => {
    const { traceId, key, value } = c.req.valid('query')
    const tenant = c.get('tenant')
    if (traceId !== undefined && key === undefined && value === undefined) return c.json(await store.ofTrace(tenant, traceId), 200)
    if (traceId === undefined && key !== undefined && value !== undefined) return c.json(await store.ofKey(tenant, key, value), 200)
    throw new ApiError('bad_request', 'send either traceId, or key and value (e.g. key=retail.order.id&value=WEB-100234)')
  })
  return { path: '', app }
}
