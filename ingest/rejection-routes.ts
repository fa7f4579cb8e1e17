/**
 * `GET /api/ingest/rejections`: a tenant's spans that were refused, by the receiver at the edge
 * or by storage into the quarantine, with why; `POST /api/ingest/rejections/replay` sends the
 * tenant's quarantine to storage again once the cause is fixed. A route group the query app
 * mounts behind its token check, so each tenant sees and replays its own only.
 */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import type { IngestRejection } from '../core/index.ts'
import { ingestRejectionsResponseSchema, quarantineReplayResponseSchema } from '../core/api-schemas.ts'
import type { QuarantineStore, RejectionLog, ReplayStorage } from '../collector/index.ts'
import { ApiError, apiErrorResponses, jsonResponse, routeGroupApp, wholeNumberParam, type ApiRouteGroup } from '../api/index.ts'
import { classifyRefusal } from '../storage/index.ts'

const rejectionsRoute = createRoute({
  method: 'get',
  path: '/rejections',
  summary:
    "The tenant's spans that were not stored as sent: refused by the receiver (answered with OTLP partial success) since the process started, and held in the quarantine because storage refused them; counts by reason and the newest ones.",
  request: { query: z.object({ limit: wholeNumberParam(1, 500, 100).describe('Newest refused spans listed.') }) },
  responses: {
    200: jsonResponse(ingestRejectionsResponseSchema, 'Counts by reason and the newest refused spans.'),
    ...apiErrorResponses(400),
  },
})

const replayRoute = createRoute({
  method: 'post',
  path: '/rejections/replay',
  summary:
    "Sends the tenant's quarantined spans to storage again, once the cause is fixed: those stored leave the quarantine, those refused again stay with the new reason. Each span is stored once however often this runs.",
  responses: {
    200: jsonResponse(quarantineReplayResponseSchema, 'How many were replayed, stored, and are still quarantined.'),
    ...apiErrorResponses(503),
  },
})

/** The rejections routes over the receiver's log and the quarantine. */
export function rejectionRoutes(rejections: RejectionLog, quarantine: QuarantineStore, replayStorage: ReplayStorage): ApiRouteGroup {
  const app = routeGroupApp()

  app.openapi(rejectionsRoute, (c) => {
    const tenant = c.get('tenant')
    const { limit } = c.req.valid('query')
    const received = rejections.recent(tenant, limit).map((r): IngestRejection => ({
      source: 'receiver',
      at: r.at,
      reason: r.reason,
      message: r.detail,
      traceId: r.traceId,
      spanId: r.spanId,
      name: r.name,
      service: r.service,
    }))
    const stored = quarantine.summary.recent(tenant, limit).map((entry): IngestRejection => ({
      source: 'quarantine',
      at: entry.at,
      reason: entry.reason,
      message: entry.message,
      traceId: entry.span?.traceId ?? '',
      spanId: entry.span?.spanId ?? '',
      name: entry.span?.name ?? '',
      service: entry.span?.service ?? '',
    }))
    return c.json(
      {
        rejectedByReason: rejections.counts(tenant),
        quarantinedByReason: quarantine.summary.counts(tenant),
        recent: [...received, ...stored].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit),
      },
      200,
    )
  })

  app.openapi(replayRoute, async (c) => {
    try {
      return c.json(await quarantine.replay(c.get('tenant'), replayStorage), 200)
    } catch (error) {
      if (error instanceof Error && /already running/.test(error.message)) throw new ApiError('too_many_requests', error.message)
      const refusal = classifyRefusal(error)
      if (refusal.kind === 'transient') throw new ApiError('unavailable', `storage cannot take the replay now: ${refusal.message}`)
      throw error
    }
  })

  return { path: '/ingest', app }
}
