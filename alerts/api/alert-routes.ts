/**
 * `GET /api/alerts?state=` and `POST|DELETE /api/alerts/{dedup_key}/silence`, as a route group
 * the query app mounts behind its token check; every answer is the caller's tenant's only.
 */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { alertRuleValuesResponseSchema, alertsResponseSchema, alertViewSchema } from '../../core/api-schemas.ts'
import { ApiError, apiErrorResponses, jsonResponse, routeGroupApp, type ApiRouteGroup } from '../../api/index.ts'
import type { AlertService, SilenceOutcome } from '../alert-service.ts'
import { alertStatesParam, dedupKeyParams, ruleValuesQuery, silenceBody } from './alert-params.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/',
  summary:
    "The tenant's alerts, firing first: state, business impact, links to journeys and traces, history, and every delivery attempt to each channel.",
  request: { query: z.object({ state: alertStatesParam }) },
  responses: { 200: jsonResponse(alertsResponseSchema, 'Alerts, counts per state and the configured rules.'), ...apiErrorResponses(400) },
})

/** `GET /api/alerts/values`; the default window ends at `clock`. */
function valuesRoute(clock: () => number) {
  return createRoute({
    method: 'get',
    path: '/values',
    summary:
      "Each rule's value round by round over a window (the last 6 hours by default, 7 days at most): the worst group's value and the groups over the threshold, in about 60 buckets, with the rule's threshold.",
    request: { query: ruleValuesQuery(clock) },
    responses: { 200: jsonResponse(alertRuleValuesResponseSchema, 'Rule values over time.'), ...apiErrorResponses(400) },
  })
}

const unsilenceRoute = createRoute({
  method: 'delete',
  path: '/{dedup_key}/silence',
  summary: "Lifts an alert's silence.",
  request: { params: dedupKeyParams },
  responses: { 200: jsonResponse(alertViewSchema, 'The alert.'), ...apiErrorResponses(400, 404) },
})

/** `POST /api/alerts/{dedup_key}/silence`; `for` counts from `clock`. */
function silenceRoute(clock: () => number) {
  return createRoute({
    method: 'post',
    path: '/{dedup_key}/silence',
    summary: 'Silences an alert until a time: no trigger or reminder is sent until then (a resolve still is). At most 30 days.',
    request: { params: dedupKeyParams, body: { required: true, content: { 'application/json': { schema: silenceBody(clock) } } } },
    responses: { 200: jsonResponse(alertViewSchema, 'The silenced alert.'), ...apiErrorResponses(400, 404) },
  })
}

/** The alert of a silence outcome, or the service's refusal as the API's error. */
function silencedAlert(outcome: SilenceOutcome) {
  if (!outcome.ok) throw new ApiError(outcome.error.code, outcome.error.message)
  return outcome.value
}

/** The alerts routes over a running service. */
export function alertRoutes(service: AlertService, clock: () => number = Date.now): ApiRouteGroup {
  const app = routeGroupApp()
  app.openapi(listRoute, async (c) => c.json(await service.list(c.get('tenant'), c.req.valid('query').state), 200))
  // Declared before the routes under /{dedup_key}.
  app.openapi(valuesRoute(clock), async (c) => c.json(await service.values(c.get('tenant'), c.req.valid('query')), 200))
  app.openapi(silenceRoute(clock), async (c) => {
    const { until, reason } = c.req.valid('json')
    return c.json(silencedAlert(await service.silence(c.get('tenant'), c.req.valid('param').dedup_key, until, reason)), 200)
  })
  app.openapi(unsilenceRoute, async (c) =>
    c.json(silencedAlert(await service.unsilence(c.get('tenant'), c.req.valid('param').dedup_key)), 200),
  )
  return { path: '/alerts', app }
}
