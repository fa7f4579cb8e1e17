/**
 * One tenant cannot crowd out another: each tenant has a few API requests in flight at once,
 * a short queue behind them, and a 429 past that. The embedded engine runs one statement at a
 * time, so a tenant looping the heaviest endpoint would otherwise fill its queue and every other
 * tenant's page would wait behind it. A request queued here whose client goes away leaves the
 * queue, and every statement a request runs carries the API's time and memory limits.
 */
import type { MiddlewareHandler } from 'hono'
import type { QueryLimits } from '../storage/index.ts'
import { withQueryScope } from '../storage/index.ts'
import type { ApiVariables } from './auth.ts'
import { ApiError } from './errors.ts'

/** How much of the engine one tenant's API requests may hold. */
export interface TenantShare {
  /** Requests of one tenant that run at once. */
  readonly inFlight: number
  /** Requests of one tenant that wait behind them; more are answered 429. */
  readonly queued: number
  /** Bounds on each statement an API request runs. */
  readonly limits: QueryLimits
}

/**
 * The API's share when none is configured: two at once and 24 waiting (a dashboard page asks up to
 * ten reads at once, so two tabs and a page change fit; waiting holds no engine), 30 s and 2 GiB a
 * statement.
 */
export const DEFAULT_TENANT_SHARE: TenantShare = Object.freeze({
  inFlight: 2,
  queued: 24,
  limits: Object.freeze({ maxExecutionSeconds: 30, maxMemoryBytes: 2 * 1024 ** 3 }),
})

interface Lane {
  running: number
  readonly waiting: (() => void)[]
}

/** The middleware, for routes behind the token check. */
export function tenantGate(share: TenantShare): MiddlewareHandler<{ Variables: ApiVariables }> {
  const lanes = new Map<string, Lane>()
  return async (c, next) => {
    const tenant = c.get('tenant')
    const lane = lanes.get(tenant) ?? { running: 0, waiting: [] }
    lanes.set(tenant, lane)
    const signal = c.req.raw.signal
    if (lane.running < share.inFlight) lane.running++
    else {
      if (lane.waiting.length >= share.queued) {
        c.header('Retry-After', '1')
        throw new ApiError(
          'too_many_requests',
          `this tenant already has ${share.inFlight} requests running and ${share.queued} waiting; try again shortly`,
        )
      }
      // A finished request hands its place straight to the next in line.
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          signal.removeEventListener('abort', leave)
          resolve()
        }
        const leave = (): void => {
          lane.waiting.splice(lane.waiting.indexOf(turn), 1)
          reject(new ApiError('unavailable', 'the client went away'))
        }
        lane.waiting.push(turn)
        signal.addEventListener('abort', leave, { once: true })
      })
    }
    try {
      await withQueryScope({ tenant, limits: share.limits, signal }, next)
    } finally {
      const nextInLine = lane.waiting.shift()
      if (nextInLine) nextInLine()
      else if (--lane.running === 0) lanes.delete(tenant)
    }
  }
}
