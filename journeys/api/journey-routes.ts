/** The query API's journey routes: one journey, lists, and the aggregates the dashboards draw. */
import { Hono } from 'hono'
import type { JourneyStore } from '../journey-store.ts'
import { ApiError, type ApiRouteGroup, type ApiVariables } from '../../api/index.ts'
import type { JourneyTypesResponse } from '../../core/index.ts'
import { journeyTypeView } from '../model/type-view.ts'
import { JOURNEY_PATHS } from './openapi-journeys.ts'
import { latencyDimension, listFilter, MAX_VALUE_LENGTH, statsWindow } from './journey-params.ts'

/** The /api/journeys routes over a journey store. */
export function journeyRoutes(journeys: JourneyStore): ApiRouteGroup {
  const api = new Hono<{ Variables: ApiVariables }>()
  const knownType = (type: string | undefined): string => {
    if (type === undefined || type === '') throw new ApiError('bad_request', `type is required; journey types: ${journeys.types.join(', ')}`)
    if (!journeys.definition(type)) throw new ApiError('bad_request', `unknown journey type '${type}'; journey types: ${journeys.types.join(', ')}`)
    return type
  }
  const query = (c: { req: { query(name: string): string | undefined } }) => (name: string) => c.req.query(name)

  api.get('/journeys', async (c) => {
    const type = c.req.query('type')
    const filter = listFilter(query(c))
    return c.json(await journeys.list(c.get('tenant'), type === undefined || type === '' ? undefined : knownType(type), filter, new Date()))
  })
  api.get('/journeys/types', (c) => {
    const body: JourneyTypesResponse = { types: journeys.types.map((type) => journeyTypeView(journeys.definition(type)!)) }
    return c.json(body)
  })
  // Registered before /journeys/:type/:key, which would otherwise take `stats` for a type.
  api.get('/journeys/stats/status', async (c) => c.json(await journeys.statusCounts(c.get('tenant'), statsWindow(query(c)), new Date())))
  api.get('/journeys/stats/latency', async (c) => {
    const type = knownType(c.req.query('type'))
    return c.json(await journeys.latency(c.get('tenant'), type, latencyDimension(query(c)), statsWindow(query(c)), new Date()))
  })
  api.get('/journeys/stats/promotions', async (c) => c.json(await journeys.promotions(c.get('tenant'), statsWindow(query(c)))))
  api.get('/journeys/stats/store-sales', async (c) => c.json(await journeys.storeSales(c.get('tenant'), statsWindow(query(c)), new Date())))
  api.get('/journeys/stats/settlements', async (c) => c.json(await journeys.settlements(c.get('tenant'), statsWindow(query(c)), new Date())))
  api.get('/journeys/:type/:key', async (c) => {
    const type = knownType(c.req.param('type'))
    const key = c.req.param('key')
    if (key.length > MAX_VALUE_LENGTH) throw new ApiError('bad_request', `key is longer than ${MAX_VALUE_LENGTH} characters`)
    const journey = await journeys.lookup(c.get('tenant'), type, key, new Date())
    if (!journey) throw new ApiError('not_found', `no ${type} journey ${key}`)
    return c.json(journey)
  })
  return { path: '', app: api, openapi: JOURNEY_PATHS }
}
