/**
 * `GET /api/alerts?state=` and `POST|DELETE /api/alerts/{dedup_key}/silence`, as a route group
 * the query app mounts behind its token check; every answer is the caller's tenant's only.
 */
import { Hono } from 'hono'
import { ApiError, jsonObjectBody, type ApiRouteGroup, type ApiVariables } from '../../api/index.ts'
import type { AlertService } from '../alert-service.ts'
import { ALERT_PATHS } from './openapi-alerts.ts'
import { parseDuration } from '../../core/index.ts'

const STATES = ['pending', 'firing', 'resolved']
const DEDUP_KEY = /^[a-z0-9][a-z0-9_-]{0,80}$/

/** When a silence asked for with `until` (an ISO time) or `for` (a duration) ends. */
function silenceEnd(body: unknown, now: number): number {
  if (typeof body !== 'object' || body === null) throw new ApiError('bad_request', 'send a JSON body: {"for": "2h", "reason": "..."} or {"until": "<ISO time>"}')
  const { until, for: duration } = body as { until?: unknown; for?: unknown }
  if (typeof until === 'string' && duration === undefined) {
    const at = Date.parse(until)
    if (Number.isNaN(at)) throw new ApiError('bad_request', `until: '${until}' is not an ISO date-time`)
    return at
  }
  if (typeof duration === 'string' && until === undefined) {
    const ms = parseDuration(duration)
    if (ms === undefined) throw new ApiError('bad_request', `for: '${duration}' is not a duration such as 30m, 2h or 1d`)
    return now + ms
  }
  throw new ApiError('bad_request', 'a silence needs exactly one of until (an ISO time) or for (a duration such as 2h)')
}

/** The alerts routes over a running service. */
export function alertRoutes(service: AlertService, clock: () => number = Date.now): ApiRouteGroup {
  const app = new Hono<{ Variables: ApiVariables }>()

  app.get('/', async (c) => {
    const state = c.req.query('state')
    const states = state ? state.split(',').map((s) => s.trim()).filter(Boolean) : undefined
    const unknown = states?.filter((s) => !STATES.includes(s)) ?? []
    if (unknown.length > 0) throw new ApiError('bad_request', `state must be one or more of ${STATES.join(', ')}, comma-separated; not ${unknown.join(', ')}`)
    return c.json(await service.list(c.get('tenant'), states))
  })

  const keyOf = (raw: string): string => {
    if (!DEDUP_KEY.test(raw)) throw new ApiError('bad_request', 'not a dedup_key')
    return raw
  }

  app.post('/:dedupKey/silence', async (c) => {
    const dedupKey = keyOf(c.req.param('dedupKey'))
    const body = await jsonObjectBody(c, '{"for": "2h", "reason": "..."}')
    const until = silenceEnd(body, clock())
    const reason = typeof body.reason === 'string' ? body.reason.slice(0, 500) : ''
    const outcome = await service.silence(c.get('tenant'), dedupKey, until, reason)
    if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message)
    return c.json(outcome.value)
  })

  app.delete('/:dedupKey/silence', async (c) => {
    const outcome = await service.unsilence(c.get('tenant'), keyOf(c.req.param('dedupKey')))
    if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message)
    return c.json(outcome.value)
  })

  return { path: '/alerts', app, openapi: ALERT_PATHS }
}
