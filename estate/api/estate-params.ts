/**
 * The estate routes' query parameters as schemas: a bounded time window (the last hour by
 * default, seven days at most), the service, span, store, channel and region filters, the bucket
 * step of the latency series, and the stock comparison's tolerance and settle time. Each takes
 * the clock, so "the last hour" is the hour before each request.
 */
import { z } from 'zod'
import { queryParam, textParam, timeParam } from '../../api/index.ts'
import { autoStepSeconds } from '../../core/index.ts'
import type { EstateFilter } from '../queries/estate-filter.ts'
import type { StockOptions } from '../estate-store.ts'

/** The window and filters a request asks for; the tenant is the token's. */
export type RequestedScope = Omit<EstateFilter, 'tenant'>

/** The window when none is asked for. */
const DEFAULT_WINDOW_MS = 3_600_000
/** The longest window a request may cover. */
const MAX_WINDOW_MS = 7 * 24 * 3_600_000
/** Most buckets a latency series may have. */
const MAX_BUCKETS = 1000
const MAX_VALUE_LENGTH = 256
const MAX_SETTLE_MS = 86_400_000
const MAX_TOLERANCE = 1_000_000
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** A duration such as `90s`, `5m` or `1h` (a bare number is seconds), in milliseconds; undefined when it is not one. */
export function parseDurationMs(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim())
  if (!match) return undefined
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000)
}

/** An optional duration, in milliseconds. */
function durationParam() {
  return textParam(32).transform((value, ctx) => {
    if (value === undefined) return undefined
    const ms = parseDurationMs(value)
    if (ms !== undefined) return ms
    ctx.issues.push({
      code: 'custom',
      message: `must be a duration such as 30s, 5m or 1h (a bare number is seconds), not '${value}'`,
      input: value,
    })
    return z.NEVER
  })
}

const scopeShape = {
  from: timeParam('Start of the window (ISO-8601 or epoch milliseconds); one hour before to when left out. The window is 7 days at most.'),
  to: timeParam('End of the window; now when left out.'),
  service: textParam(MAX_VALUE_LENGTH).describe('Only this service (service.name).'),
  span: textParam(MAX_VALUE_LENGTH).describe('Only this span name of the service; needs service.'),
  store: textParam(MAX_VALUE_LENGTH).describe('Only spans with this retail.store.id.'),
  channel: textParam(MAX_VALUE_LENGTH).describe('Only spans with this retail.channel (web, app, pos, marketplace).'),
  region: textParam(MAX_VALUE_LENGTH).describe('Only spans with this retail.region.'),
}
type ScopeParams = z.output<z.ZodObject<typeof scopeShape>>

/** The scope asked for, or undefined when it is not one (the issue says why): a span name needs the service it belongs to. */
function scopeOf({ from, to, ...filters }: ScopeParams, now: number, ctx: z.RefinementCtx): RequestedScope | undefined {
  const toMs = to ?? (from === undefined ? now : Math.max(now, from))
  const fromMs = from ?? toMs - DEFAULT_WINDOW_MS
  const problem =
    fromMs >= toMs
      ? 'from must be before to'
      : toMs - fromMs > MAX_WINDOW_MS
        ? 'the window from from to to may be 7 days at most'
        : filters.span !== undefined && filters.service === undefined
          ? 'span needs service: a span name is looked up within one service'
          : undefined
  if (problem === undefined) return { from: new Date(fromMs), to: new Date(toMs), ...filters }
  ctx.issues.push({ code: 'custom', message: problem, input: { from, to } })
  return undefined
}

/** The bucket step asked for, or one that suits the window, in whole seconds. */
function stepSecondsOf(stepMs: number | undefined, scope: RequestedScope, ctx: z.RefinementCtx): number {
  const windowMs = scope.to.getTime() - scope.from.getTime()
  if (stepMs === undefined) return autoStepSeconds(windowMs)
  const seconds = Math.round(stepMs / 1000)
  const problem =
    seconds < 1
      ? 'must be at least 1s'
      : windowMs / (seconds * 1000) > MAX_BUCKETS
        ? `is too small for the window: at most ${MAX_BUCKETS} buckets (try ${autoStepSeconds(windowMs)}s)`
        : undefined
  if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, path: ['step'], input: stepMs })
  return seconds
}

/** The query of most estate routes: the window and filters. */
export function estateQuery(clock: () => number) {
  return z.object(scopeShape).transform((query, ctx) => scopeOf(query, clock(), ctx) ?? z.NEVER)
}

/** The query of `GET /api/estate/latency`: the window and filters, and the bucket step. */
export function latencyQuery(clock: () => number) {
  return z
    .object({
      ...scopeShape,
      step: durationParam().describe(
        'Bucket size such as 30s, 5m or 1h (a bare number is seconds); about 60 buckets when left out; at most 1000 buckets.',
      ),
    })
    .transform(({ step, ...query }, ctx) => {
      const scope = scopeOf(query, clock(), ctx)
      return scope ? { scope, stepSeconds: stepSecondsOf(step, scope, ctx) } : z.NEVER
    })
}

/** The query of `GET /api/estate/stock`: the window and filters, and how far and how long systems may disagree. */
export function stockQuery(clock: () => number) {
  const toleranceError = `must be a number of units from 0 to ${MAX_TOLERANCE}`
  return z
    .object({
      ...scopeShape,
      tolerance: queryParam(
        z.coerce.number({ error: toleranceError }).min(0, toleranceError).max(MAX_TOLERANCE, toleranceError).default(0),
      ).describe('Units the systems may differ by.'),
      settle: durationParam()
        .refine((ms) => ms === undefined || ms <= MAX_SETTLE_MS, 'may be 1d at most')
        .describe('How long a difference must hold, such as 2m (the default), so propagation lag does not count.'),
    })
    .transform(({ tolerance, settle, ...query }, ctx) => {
      const scope = scopeOf(query, clock(), ctx)
      const options: StockOptions = { tolerance, settleSeconds: Math.round((settle ?? 120_000) / 1000) }
      return scope ? { scope, options } : z.NEVER
    })
}
