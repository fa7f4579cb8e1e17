/** `GET /healthz`, `GET /readyz` and `GET /metrics`: what a probe and a Prometheus scrape ask, outside `/api`. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { TenantDirectory } from '../core/index.ts'
import { metricsText, type MetricRegistry } from '../telemetry/index.ts'
import { bearerToken, type ApiVariables } from './auth.ts'
import { ApiError } from './errors.ts'
import { errorResponses, jsonResponse } from './route-group.ts'

const healthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' })
const readinessSchema = z.object({ status: z.literal('ready') }).meta({ id: 'Readiness' })

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  security: [],
  summary: 'Liveness; no authentication.',
  responses: { 200: jsonResponse(healthSchema, 'The process is up.') },
})

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  security: [],
  summary: 'Readiness: the schema is migrated and storage answers; no authentication.',
  responses: { 200: jsonResponse(readinessSchema, 'Ready.'), ...errorResponses(503) },
})

const metrics = createRoute({
  method: 'get',
  path: '/metrics',
  summary: "Prometheus text exposition of the platform's own metrics; any tenant's API token may read it.",
  responses: { 200: { description: 'Metrics.', content: { 'text/plain': { schema: z.string() } } }, ...errorResponses(401) },
})

/** What the probes need from the rest of the platform. */
export interface HealthDeps {
  readonly tenants: TenantDirectory
  readonly metrics: MetricRegistry
  /** Whether storage answers; cheap to ask, so a probe hitting it often costs the engine nothing. */
  readonly ready: () => Promise<boolean>
}

/** The probe and metrics routes. */
export function healthRoutes(deps: HealthDeps): OpenAPIHono<{ Variables: ApiVariables }> {
  const app = new OpenAPIHono<{ Variables: ApiVariables }>()
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
  app.openapi(readyz, async (c) => {
    const ready = await deps.ready().catch(() => false)
    if (!ready) throw new ApiError('unavailable', 'storage is not ready')
    return c.json({ status: 'ready' as const }, 200)
  })
  app.openapi(metrics, async (c) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !deps.tenants.byApiToken(token)) throw new ApiError('unauthorized', 'metrics need a bearer API token')
    const exposition = await metricsText(deps.metrics)
    return c.text(exposition.body, 200, { 'content-type': exposition.contentType })
  })
  return app
}
