/**
 * The dashboard-port HTTP app: health, readiness and metrics, the authenticated query API
 * under /api, and the dashboard's static files with a fallback to index.html for deep links.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'
import { serveStatic } from '@hono/node-server/serve-static'
import { secureHeaders } from 'hono/secure-headers'
import type { TenantDirectory } from '../core/index.ts'
import { accessLog, metricsText, type Log, type MetricRegistry } from '../telemetry/index.ts'
import { bearerToken, requireApiToken, type ApiVariables } from './auth.ts'
import { ApiError, errorHandler } from './errors.ts'
import { openApiDocument } from './openapi.ts'
import { DEFAULT_TENANT_SHARE, tenantGate, type TenantShare } from './tenant-gate.ts'

/** What the query app needs from the rest of the platform. */
export interface QueryAppDeps {
  readonly tenants: TenantDirectory
  readonly metrics: MetricRegistry
  /** Whether storage answers; cheap to ask, so a probe hitting it often costs the engine nothing. */
  readonly ready: () => Promise<boolean>
  /** Awaited before an API read, once the caller is known (read-after-acknowledge). */
  readonly beforeRead?: () => Promise<unknown>
  /** How much of the engine one tenant's API requests may hold. */
  readonly share?: TenantShare
  /** The built dashboard; the app serves no pages when absent. */
  readonly dashboardDir?: string
  /** Where unexpected errors are reported. */
  readonly log: Log
  /** Where each request is recorded once answered; none when absent. */
  readonly accessLog?: Log
  /** The authenticated routes under /api, a group from each feature that has any. */
  readonly routes: readonly ApiRouteGroup[]
}

/** A feature's authenticated routes, mounted at `/api<path>`, with their part of the OpenAPI document. */
export interface ApiRouteGroup {
  readonly path: string
  readonly app: Hono<{ Variables: ApiVariables }>
  /** OpenAPI path items, keyed by the full path (`/api/...`). */
  readonly openapi?: Readonly<Record<string, unknown>>
}

/** Builds the query app. */
export function createQueryApp(deps: QueryAppDeps): Hono<{ Variables: ApiVariables }> {
  const app = new Hono<{ Variables: ApiVariables }>()
  app.onError(errorHandler(deps.log))
  if (deps.accessLog) app.use('*', accessLog(deps.accessLog))
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"], scriptSrc: ["'self'"], connectSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
      // React and recharts set style attributes, which CSP counts as inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginEmbedderPolicy: false,
  }))

  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    const ready = await deps.ready().catch(() => false)
    if (!ready) throw new ApiError('unavailable', 'storage is not ready')
    return c.json({ status: 'ready' })
  })
  app.get('/metrics', async (c) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token || !deps.tenants.byApiToken(token)) throw new ApiError('unauthorized', 'metrics need a bearer API token')
    const exposition = await metricsText(deps.metrics)
    return c.text(exposition.body, 200, { 'content-type': exposition.contentType })
  })
  const openapi = openApiDocument(deps.routes.map((group) => group.openapi ?? {}))
  app.get('/api/openapi.json', (c) => c.json(openapi))
  // Who is asking comes first: a request without a valid token costs nothing more.
  app.use('/api/*', requireApiToken(deps.tenants))
  const beforeRead = deps.beforeRead
  if (beforeRead) app.use('/api/*', async (c, next) => { if (c.req.method === 'GET') await beforeRead(); await next() })
  app.use('/api/*', tenantGate(deps.share ?? DEFAULT_TENANT_SHARE))
  for (const group of deps.routes) app.route(`/api${group.path}`, group.app)
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such API route; see GET /api/openapi.json')
  })

  const dashboardDir = deps.dashboardDir
  if (dashboardDir && existsSync(path.join(dashboardDir, 'index.html'))) {
    const root = path.relative(process.cwd(), dashboardDir) || '.'
    app.use('/assets/*', serveStatic({ root }))
    app.use('/favicon.svg', serveStatic({ root }))
    // Every other path is a page of the single-page app, deep links included.
    app.get('*', serveStatic({ root, path: 'index.html' }))
  } else {
    app.get('/', (c) => c.text('Throughline is running, but the dashboard is not built: run `npm run build`.', 503))
  }
  return app
}
