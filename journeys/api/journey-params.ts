/**
 * Query-string parsing for the journey routes: each parameter checked, and a bad one answered
 * with a 400 that says what is expected.
 */
import { isJourneyStatus, JOURNEY_STATUSES } from '../../core/index.ts'
import type { JourneyListFilter, LatencyDimension } from '../lists/list-query.ts'
import type { StatsWindow } from '../lists/stats-queries.ts'
import { ApiError } from '../../api/index.ts'

/** Longest business-key value or filter value accepted. */
export const MAX_VALUE_LENGTH = 512
const MAX_LIMIT = 500
/** The longest window a journey list or aggregate may ask for: a month, for finance's month end. */
const MAX_STATS_WINDOW_MS = 31 * 86_400_000
const MAX_OFFSET = 100_000

type Query = (name: string) => string | undefined

function text(query: Query, name: string): string | undefined {
  const value = query(name)
  if (value === undefined || value === '') return undefined
  if (value.length > MAX_VALUE_LENGTH) throw new ApiError('bad_request', `${name} is longer than ${MAX_VALUE_LENGTH} characters`)
  return value
}

function time(query: Query, name: string): number | undefined {
  const value = text(query, name)
  if (value === undefined) return undefined
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  if (!Number.isFinite(ms)) throw new ApiError('bad_request', `${name} must be an ISO-8601 time or epoch milliseconds, not '${value}'`)
  return ms
}

function integer(query: Query, name: string, fallback: number, max: number): number {
  const value = text(query, name)
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value) || Number(value) > max) throw new ApiError('bad_request', `${name} must be a whole number from 0 to ${max}`)
  return Number(value)
}

/** `from` and `to`, at most MAX_STATS_WINDOW_MS apart (`to` defaults to now); without `from`, the journeys the retention keeps. */
export function statsWindow(query: Query, now: number = Date.now()): StatsWindow {
  const fromMs = time(query, 'from')
  const toMs = time(query, 'to')
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) throw new ApiError('bad_request', 'from is after to')
  if (fromMs !== undefined && (toMs ?? Math.max(now, fromMs)) - fromMs > MAX_STATS_WINDOW_MS) throw new ApiError('bad_request', 'the window from from to to may be 31 days at most')
  return { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) }
}

/** The list's filters and page. */
export function listFilter(query: Query): JourneyListFilter {
  const status = text(query, 'status')
  if (status !== undefined && !isJourneyStatus(status)) throw new ApiError('bad_request', `status must be one of ${JOURNEY_STATUSES.join(', ')}`)
  const sort = text(query, 'sort') ?? 'newest'
  if (sort !== 'newest' && sort !== 'oldest') throw new ApiError('bad_request', 'sort must be newest or oldest')
  const store = text(query, 'store')
  const channel = text(query, 'channel')
  const region = text(query, 'region')
  return {
    ...statsWindow(query),
    ...(status !== undefined ? { status } : {}),
    ...(store !== undefined ? { store } : {}),
    ...(channel !== undefined ? { channel } : {}),
    ...(region !== undefined ? { region } : {}),
    limit: Math.max(1, integer(query, 'limit', 50, MAX_LIMIT)),
    offset: integer(query, 'offset', 0, MAX_OFFSET),
    sort,
  }
}

/** `by` of the latency aggregate. */
export function latencyDimension(query: Query): LatencyDimension {
  const by = text(query, 'by') ?? 'none'
  if (by !== 'store' && by !== 'channel' && by !== 'region' && by !== 'none') throw new ApiError('bad_request', 'by must be store, channel, region or none')
  return by
}
