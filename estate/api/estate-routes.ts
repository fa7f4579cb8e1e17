/**
 * The query API's estate routes under `/api/estate`: what the spans alone say about the
 * integrations, for the IT, overview and operations pages. Every answer is the caller's
 * tenant's, within a window of the last hour by default and seven days at most.
 */
import { Hono } from 'hono'
import type { EstateStore } from '../estate-store.ts'
import type { ApiRouteGroup, ApiVariables } from '../../api/index.ts'
import { ESTATE_PATHS } from './openapi-estate.ts'
import { estateFilter, stepSeconds, stockOptions, type QueryReader } from './estate-params.ts'

/** The GET routes of `/api/estate`, over an estate store; `clock` is for tests. */
export function estateRoutes(estate: EstateStore, clock: () => number = Date.now): ApiRouteGroup {
  const api = new Hono<{ Variables: ApiVariables }>()
  const reader = (c: { req: { query(name: string): string | undefined } }): QueryReader => (name) => c.req.query(name)

  api.get('/latency', async (c) => {
    const filter = estateFilter(reader(c), c.get('tenant'), clock())
    return c.json(await estate.latency(filter, stepSeconds(reader(c), filter)))
  })
  api.get('/hops', async (c) => c.json(await estate.hops(estateFilter(reader(c), c.get('tenant'), clock()))))
  api.get('/slow-traces', async (c) => c.json(await estate.traces(estateFilter(reader(c), c.get('tenant'), clock()), 'slowest')))
  api.get('/failed-traces', async (c) => c.json(await estate.traces(estateFilter(reader(c), c.get('tenant'), clock()), 'failed')))
  api.get('/failed-messages', async (c) => c.json(await estate.messages(estateFilter(reader(c), c.get('tenant'), clock()))))
  api.get('/stock', async (c) => c.json(await estate.stock(estateFilter(reader(c), c.get('tenant'), clock()), stockOptions(reader(c)))))
  api.get('/filters', async (c) => c.json(await estate.filterValues(estateFilter(reader(c), c.get('tenant'), clock()))))
  return { path: '/estate', app: api, openapi: ESTATE_PATHS }
}
