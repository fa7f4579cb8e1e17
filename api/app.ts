/**
 * The dashboard-port HTTP app: health, readiness and metrics, the authenticated query API
 * under /api with its OpenAPI document, and the dashboard's static files with a fallback to
 * index.html for deep links.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { OpenAPIHono } from '@hono/zod-openapi'
import { serveStatic } from '@hono/node-server/serve-static'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { TenantDirectory } from '../core/index.ts'
import { accessLog, type Log, type MetricRegistry } from '../telemetry/index.ts'
import { requireApiToken, type ApiVariables } from './auth.ts'
import { ApiError, errorHandler } from './errors.ts'
import { healthRoutes } from './health-routes.ts'
import { badRequestHook, type ApiRouteGroup } from './route-group.ts'
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

/** Most bytes a request body of the API may have. */
const MAX_BODY_BYTES = 16 * 1024

const DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Throughline query API',
    version: '0.1.0',
    description:
      "Business-transaction tracing for retail integration estates: traces, business-key search, journeys, the estate, alerts and refused spans. Every /api route needs `Authorization: Bearer <token>` and answers only with the token's tenant's data. Every error is `{ error: { code, message } }`.",
  },
  security: [{ bearerAuth: [] }],
}

/** Builds the query app. */
export function createQueryApp(deps: QueryAppDeps): OpenAPIHono<{ Variables: ApiVariables }> {
  const app = new OpenAPIHono<{ Variables: ApiVariables }>({ defaultHook: badRequestHook })
  const answerError = errorHandler(deps.log)
  app.onError(answerError)
  app.notFound((c) =>
    answerError(new ApiError('not_found', `no route ${c.req.method} ${c.req.path}; the API is described at GET /api/openapi.json`), c),
  )
  if (deps.accessLog) app.use('*', accessLog(deps.accessLog))
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // React and recharts set style attributes, which CSP counts as inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        objectSrc: ["'none'"],
      },
      xFrameOptions: 'DENY',
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  )

  app.route('/', healthRoutes(deps))
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined
  app.get('/api/openapi.json', (c) => c.json((document ??= app.getOpenAPI31Document(DOCUMENT))))
  // Who is asking comes first: a request without a valid token costs nothing more.
  app.use('/api/*', requireApiToken(deps.tenants))
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', `the body may be ${MAX_BODY_BYTES} bytes at most`)
      },
    }),
  )
  const beforeRead = deps.beforeRead
  if (beforeRead)
    app.use('/api/*', async (c, next) => {
      if (c.req.method === 'GET') await beforeRead()
      await next()
    })
  app.use('/api/*', tenantGate(deps.share ?? DEFAULT_TENANT_SHARE))
  for (const group of deps.routes) app.route(`/api${group.path}`, group.app)

  const dashboardDir = deps.dashboardDir
  if (dashboardDir && existsSync(path.join(dashboardDir, 'index.html'))) {
    const root = path.relative(process.cwd(), dashboardDir) || '.'
    app.use('/assets/*', serveStatic({ root }))
    app.use('/favicon.svg', serveStatic({ root }))
    // Every other path is a page of the single-page app, deep links included; a path under /api is the API's, found or not.
    const page = serveStatic({ root, path: 'index.html' })
    app.get('*', (c, next) => (isApiPath(c.req.path) ? next() : page(c, next)))
  } else {
    app.get('/', (c) => c.text('Throughline is running, but the dashboard is not built: run `npm run build`.', 503))
  }
  return app
}

function isApiPath(requestPath: string): boolean {
  return requestPath === '/api' || requestPath.startsWith('/api/')
}
