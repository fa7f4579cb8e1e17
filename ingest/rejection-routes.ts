/**
 * `GET /api/ingest/rejections`: a tenant's spans that were refused, by the receiver at the edge
 * or by storage into the quarantine, with why; `POST /api/ingest/rejections/replay` sends the
 * tenant's quarantine to storage again once the cause is fixed. A route group the query app
 * mounts behind its token check, so each tenant sees and replays its own only.
 */
import { Hono } from 'hono'
import type { IngestRejection, IngestRejectionsResponse, QuarantineReplayResponse } from '../core/index.ts'
import type { QuarantineStore, RejectionLog, ReplayStorage } from '../collector/index.ts'
import { ApiError, type ApiRouteGroup, type ApiVariables } from '../api/index.ts'
import { classifyRefusal } from '../storage/index.ts'
import { INGEST_PATHS } from './openapi-ingest.ts'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 500

/** The rejections routes over the receiver's log and the quarantine. */
export function rejectionRoutes(rejections: RejectionLog, quarantine: QuarantineStore, replayStorage: ReplayStorage): ApiRouteGroup {
  const app = new Hono<{ Variables: ApiVariables }>()

  app.get('/rejections', (c) => {
    const tenant = c.get('tenant')
    const rawLimit = c.req.query('limit')
    const limit = rawLimit === undefined ? DEFAULT_LIMIT : Number(rawLimit)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ApiError('bad_request', `limit must be a whole number from 1 to ${MAX_LIMIT}`)
    const received: IngestRejection[] = rejections.recent(tenant, limit).map((r) => ({
      source: 'receiver', at: r.at, reason: r.reason, message: r.detail, traceId: r.traceId, spanId: r.spanId, name: r.name, service: r.service,
    }))
    const stored: IngestRejection[] = quarantine.summary.recent(tenant, limit).map((entry) => ({
      source: 'quarantine', at: entry.at, reason: entry.reason, message: entry.message,
      traceId: entry.span?.traceId ?? '', spanId: entry.span?.spanId ?? '', name: entry.span?.name ?? '', service: entry.span?.service ?? '',
    }))
    const body: IngestRejectionsResponse = {
      rejectedByReason: rejections.counts(tenant),
      quarantinedByReason: quarantine.summary.counts(tenant),
      recent: [...received, ...stored].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit),
    }
    return c.json(body)
  })

  app.post('/rejections/replay', async (c) => {
    let outcome: QuarantineReplayResponse
    try {
      outcome = await quarantine.replay(c.get('tenant'), replayStorage)
    } catch (error) {
      if (error instanceof Error && /already running/.test(error.message)) throw new ApiError('too_many_requests', error.message)
      if (classifyRefusal(error).kind === 'transient') throw new ApiError('unavailable', `storage cannot take the replay now: ${classifyRefusal(error).message}`)
      throw error
    }
    return c.json(outcome)
  })

  return { path: '/ingest', app, openapi: INGEST_PATHS }
}
