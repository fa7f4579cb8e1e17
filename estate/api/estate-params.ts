/**
 * Query-string parsing for the estate routes: a bounded time window (the last hour by default,
 * seven days at most), the bucket step, and the service, span, store, channel and region
 * filters. A bad parameter is a 400 that says what is expected.
 */
import type { EstateFilter } from '../queries/estate-filter.ts'
import type { StockOptions } from '../estate-store.ts'
import { ApiError } from '../../api/index.ts'

/** The query-string reader of a request. */
export type QueryReader = (name: string) => string | undefined

/** The window when none is asked for. */
const DEFAULT_WINDOW_MS = 3_600_000
/** The longest window a request may cover. */
const MAX_WINDOW_MS = 7 * 24 * 3_600_000
/** Most buckets a latency series may have. */
const MAX_BUCKETS = 1000
const MAX_VALUE_LENGTH = 256
/** Bucket steps a window is rounded up to, in seconds, so charts line up on round times. */
const NICE_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

function text(query: QueryReader, name: string): string | undefined {
  const value = query(name)
  if (value === undefined || value === '') return undefined
  if (value.length > MAX_VALUE_LENGTH) throw new ApiError('bad_request', `${name} is longer than ${MAX_VALUE_LENGTH} characters`)
  return value
}

function instant(query: QueryReader, name: string): number | undefined {
  const value = text(query, name)
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (!Number.isFinite(ms)) throw new ApiError('bad_request', `${name} must be an ISO-8601 time or epoch milliseconds, not '${value}'`)
  return ms
}

/** A duration such as `90s`, `5m` or `1h` (a bare number is seconds), in milliseconds; undefined when it is not one. */
export function parseDurationMs(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim())
  if (!match) return undefined
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000)
}

function duration(query: QueryReader, name: string): number | undefined {
  const value = text(query, name)
  if (value === undefined) return undefined
  const ms = parseDurationMs(value)
  if (ms === undefined) throw new ApiError('bad_request', `${name} must be a duration such as 30s, 5m or 1h (a bare number is seconds), not '${value}'`)
  return ms
}

/** The window asked for: `from` and `to`, either alone, or the hour up to now. */
export function estateWindow(query: QueryReader, now: number): { readonly from: Date; readonly to: Date } {
  const fromMs = instant(query, 'from')
  const toMs = instant(query, 'to') ?? (fromMs === undefined ? now : Math.max(now, fromMs))
  const start = fromMs ?? toMs - DEFAULT_WINDOW_MS
  if (start >= toMs) throw new ApiError('bad_request', 'from must be before to')
  if (toMs - start > MAX_WINDOW_MS) throw new ApiError('bad_request', 'the window from from to to may be 7 days at most')
  return { from: new Date(start), to: new Date(toMs) }
}

/** The tenant's window and filters; a span name needs the service it belongs to. */
export function estateFilter(query: QueryReader, tenant: string, now: number): EstateFilter {
  const service = text(query, 'service')
  const span = text(query, 'span')
  if (span !== undefined && service === undefined) throw new ApiError('bad_request', 'span needs service: a span name is looked up within one service')
  return { tenant, ...estateWindow(query, now), service, span, store: text(query, 'store'), channel: text(query, 'channel'), region: text(query, 'region') }
}

/** The smallest round step that splits a window into at most about 60 buckets, in seconds. */
export function autoStepSeconds(windowMs: number): number {
  const wanted = windowMs / 60 / 1000
  return NICE_STEPS.find((step) => step >= wanted) ?? NICE_STEPS[NICE_STEPS.length - 1]!
}

/** The bucket step asked for (`step=5m`), or one that suits the window, in whole seconds. */
export function stepSeconds(query: QueryReader, filter: EstateFilter): number {
  const windowMs = filter.to.getTime() - filter.from.getTime()
  const ms = duration(query, 'step')
  if (ms === undefined) return autoStepSeconds(windowMs)
  const seconds = Math.round(ms / 1000)
  if (seconds < 1) throw new ApiError('bad_request', 'step must be at least 1s')
  if (windowMs / (seconds * 1000) > MAX_BUCKETS) throw new ApiError('bad_request', `step is too small for the window: at most ${MAX_BUCKETS} buckets (try ${autoStepSeconds(windowMs)}s)`)
  return seconds
}

/** `tolerance` (units, default 0) and `settle` (default 2m) of the stock comparison. */
export function stockOptions(query: QueryReader): StockOptions {
  const rawTolerance = text(query, 'tolerance')
  const tolerance = rawTolerance === undefined ? 0 : Number(rawTolerance)
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1_000_000) throw new ApiError('bad_request', 'tolerance must be a number of units from 0 to 1000000')
  const settleMs = duration(query, 'settle') ?? 120_000
  if (settleMs > 86_400_000) throw new ApiError('bad_request', 'settle may be 1d at most')
  return { tolerance, settleSeconds: Math.round(settleMs / 1000) }
}
