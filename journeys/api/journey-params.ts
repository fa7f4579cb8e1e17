/**
 * The journey routes' parameters as schemas: the journey type (one of the types in force, so a
 * wrong one is told which there are), the list's filters and page, and the window of the lists
 * and aggregates (at most a month, for finance's month end).
 */
import { z } from 'zod'
import { autoStepSeconds, JOURNEY_STATUSES } from '../../core/index.ts'
import { choiceParam, optionalChoiceParam, queryParam, textParam, timeParam, wholeNumberParam } from '../../api/index.ts'
import type { StatsWindow } from '../lists/stats-queries.ts'

/** Longest business-key value or filter value accepted. */
const MAX_VALUE_LENGTH = 512
const MAX_LIMIT = 500
/** The longest window a journey list or aggregate may ask for: a month, for finance's month end. */
const MAX_STATS_WINDOW_MS = 31 * 86_400_000
const MAX_OFFSET = 100_000

/** One of the journey types in force. */
export function journeyTypeParam(types: readonly string[]) {
  const known = `journey types: ${types.join(', ')}`
  return z.enum(types, {
    error: (issue) => (typeof issue.input === 'string' ? `unknown journey type '${issue.input}'; ${known}` : `is required; ${known}`),
  })
}

const windowShape = {
  from: timeParam('Journeys that started at or after this time (ISO-8601 or epoch milliseconds).'),
  to: timeParam('Journeys that started at or before this time; now when left out.'),
}

/** `from` and `to` as a window, in order and at most 31 days apart (`to` defaults to now); without `from`, what the retention keeps. */
function statsWindowOf(fromMs: number | undefined, toMs: number | undefined, ctx: z.RefinementCtx): StatsWindow {
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
    ctx.issues.push({ code: 'custom', message: 'from is after to', input: { fromMs, toMs } })
  else if (fromMs !== undefined && (toMs ?? Math.max(Date.now(), fromMs)) - fromMs > MAX_STATS_WINDOW_MS) {
    ctx.issues.push({ code: 'custom', message: 'the window from from to to may be 31 days at most', input: { fromMs, toMs } })
  }
  return { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) }
}

/** The query of an aggregate: its window. */
export const statsWindowQuery = z.object(windowShape).transform(({ from, to }, ctx) => statsWindowOf(from, to, ctx))

/** The query of `GET /api/journeys`: a type or every type, the filters, the window and the page. */
export function journeyListQuery(types: readonly string[]) {
  return z
    .object({
      type: queryParam(journeyTypeParam(types).optional()).describe('A journey type in force; every type when left out.'),
      status: optionalChoiceParam(JOURNEY_STATUSES),
      store: textParam(MAX_VALUE_LENGTH).describe('retail.store.id'),
      channel: textParam(MAX_VALUE_LENGTH).describe('retail.channel: web, app, pos, marketplace'),
      region: textParam(MAX_VALUE_LENGTH).describe('retail.region'),
      ...windowShape,
      limit: wholeNumberParam(1, MAX_LIMIT, 50),
      offset: wholeNumberParam(0, MAX_OFFSET, 0),
      sort: choiceParam(['newest', 'oldest'], 'newest').describe('By start time: newest first, or oldest (the longest-running) first.'),
    })
    .transform(({ type, from, to, ...filter }, ctx) => ({ type, filter: { ...filter, ...statsWindowOf(from, to, ctx) } }))
}

/** The query of `GET /api/journeys/stats/latency`: a type, what to group by, and the window. */
export function stageLatencyQuery(types: readonly string[]) {
  return z
    .object({
      type: queryParam(journeyTypeParam(types)).describe('A journey type in force.'),
      by: choiceParam(['store', 'channel', 'region', 'none'], 'none'),
      ...windowShape,
    })
    .transform(({ type, by, from, to }, ctx) => ({ type, by, window: statsWindowOf(from, to, ctx) }))
}

/** The trends' window when `from` is left out: the day before `to`. */
const DEFAULT_TREND_WINDOW_MS = 86_400_000

const scopeShape = {
  store: textParam(MAX_VALUE_LENGTH).describe('retail.store.id'),
  channel: textParam(MAX_VALUE_LENGTH).describe('retail.channel: web, app, pos, marketplace'),
  region: textParam(MAX_VALUE_LENGTH).describe('retail.region'),
}

/** The query of `GET /api/journeys/stats/trends`: a type, the filters and the window (the last day by default), in about 60 buckets. */
export function journeyTrendsQuery(types: readonly string[], clock: () => number = Date.now) {
  return z
    .object({
      type: queryParam(journeyTypeParam(types)).describe('A journey type in force.'),
      ...scopeShape,
      from: timeParam('Journeys that started at or after this time; the day before `to` when left out.'),
      to: timeParam('Journeys that started at or before this time; now when left out.'),
    })
    .transform(({ type, from, to, ...scope }, ctx) => {
      const toMs = to ?? clock()
      const fromMs = from ?? toMs - DEFAULT_TREND_WINDOW_MS
      const window = statsWindowOf(fromMs, toMs, ctx)
      return { type, filter: { ...scope, ...window, fromMs, toMs }, stepSeconds: autoStepSeconds(Math.max(1, toMs - fromMs)) }
    })
}

/** The query of an aggregate narrowed like the pages are: the store, channel and region filters, and the window. */
export const scopedStatsQuery = z
  .object({ ...scopeShape, ...windowShape })
  .transform(({ from, to, ...scope }, ctx) => ({ ...scope, ...statsWindowOf(from, to, ctx) }))

/** The path of `GET /api/journeys/{type}/{key}`. */
export function journeyPathParams(types: readonly string[]) {
  return z.object({
    type: journeyTypeParam(types).describe('A journey type in force.'),
    key: z
      .string()
      .max(MAX_VALUE_LENGTH, `is longer than ${MAX_VALUE_LENGTH} characters`)
      .describe('The root key value, e.g. an order id.'),
  })
}
