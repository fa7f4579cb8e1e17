/** The query API's JSON routes: traces, business-key search and the overview. */
import { Hono } from 'hono'
import type { SpanStore } from './span-store.ts'
import type { KeyVocabulary } from './business-keys.ts'
import { BUSINESS_KEYS } from '../sdk/conventions.ts'
import { SPAN_PATHS } from './openapi-spans.ts'
import { ApiError, type ApiRouteGroup, type ApiVariables } from '../api/index.ts'

const TRACE_ID = /^[0-9a-f]{32}$/

/** Resolves a searched key name: a convention name, a configured extra key, or an alias of one. */
function resolveSearchKey(key: string, vocabulary: KeyVocabulary): string | undefined {
  const known = new Set<string>([...BUSINESS_KEYS, ...vocabulary.extraKeys])
  if (known.has(key)) return key
  const aliased = vocabulary.aliases[key]
  return aliased !== undefined && known.has(aliased) ? aliased : undefined
}

/** The span routes (`/api/traces`, `/api/search`, `/api/overview`) over one store. */
export function spanRoutes(store: SpanStore, vocabulary: KeyVocabulary): ApiRouteGroup {
  const api = new Hono<{ Variables: ApiVariables }>()

  api.get('/traces/:traceId', async (c) => {
    const traceId = c.req.param('traceId').toLowerCase()
    if (!TRACE_ID.test(traceId)) throw new ApiError('bad_request', 'traceId must be 32 hexadecimal characters')
    const trace = await store.trace(c.get('tenant'), traceId)
    if (!trace) throw new ApiError('not_found', `no trace ${traceId}`)
    return c.json(trace)
  })

  api.get('/search', async (c) => {
    const key = c.req.query('key')
    const value = c.req.query('value')
    if (!key || !value) throw new ApiError('bad_request', 'search needs ?key=<business key>&value=<value>, e.g. key=retail.order.id&value=WEB-100234')
    const resolved = resolveSearchKey(key, vocabulary)
    if (!resolved) throw new ApiError('bad_request', `'${key}' is not a business key; known keys: ${[...BUSINESS_KEYS, ...vocabulary.extraKeys].join(', ')}`)
    if (value.length > 512) throw new ApiError('bad_request', 'value is longer than 512 characters')
    return c.json(await store.search(c.get('tenant'), resolved, value))
  })

  api.get('/overview', async (c) => c.json(await store.overview(c.get('tenant'), new Date())))

  return { path: '', app: api, openapi: SPAN_PATHS }
}
