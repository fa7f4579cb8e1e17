/**
 * The alert routes' parameters as schemas: the states to list, an alert's dedup_key, and a
 * silence's body, which ends at a time (`until`) or after a duration (`for`) from the clock.
 */
import { z } from 'zod'
import { alertLifecycleStateSchema } from '../../core/api-schemas.ts'
import { parseDuration } from '../../core/index.ts'
import { textParam, timeParam } from '../../api/index.ts'

const STATES: readonly string[] = alertLifecycleStateSchema.options
/** Most characters of a reason kept with a silence. */
const MAX_REASON_LENGTH = 500

/** `state=firing,pending`: the states to list, all when left out. */
export const alertStatesParam = textParam(100)
  .transform((text, ctx) => {
    if (text === undefined) return undefined
    const states = text
      .split(',')
      .map((state) => state.trim())
      .filter(Boolean)
    const unknown = states.filter((state) => !STATES.includes(state))
    if (unknown.length === 0) return states
    ctx.issues.push({
      code: 'custom',
      message: `must be one or more of ${STATES.join(', ')}, comma-separated; not ${unknown.join(', ')}`,
      input: text,
    })
    return z.NEVER
  })
  .describe('One or more of pending, firing, resolved, comma-separated; all when left out.')

/** The path of an alert's silence. */
export const dedupKeyParams = z.object({
  dedup_key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,80}$/, "must be an alert's dedup_key: lower-case letters, digits, - and _, at most 81 characters")
    .describe("The alert's stable key (rule plus group), as sent to PagerDuty and Opsgenie."),
})

const bodyExample = '{"for": "2h", "reason": "..."}'

/** The body of `POST /api/alerts/{dedup_key}/silence`, as the silence's end (epoch milliseconds) and reason. */
export function silenceBody(clock: () => number) {
  return z
    .object(
      {
        for: z.string({ error: 'must be a duration such as 30m, 2h or 1d' }).optional().describe('A duration such as 30m, 2h or 1d.'),
        until: z
          .string({ error: 'must be an ISO-8601 time' })
          .optional()
          .describe('Instead of for: when the silence ends, an ISO-8601 time.'),
        reason: z
          .string({ error: 'must be text' })
          .optional()
          .describe(`Why, for whoever sees the alert; the first ${MAX_REASON_LENGTH} characters are kept.`),
      },
      { error: `the body must be a JSON object such as ${bodyExample}` },
    )
    .transform(({ for: duration, until, reason }, ctx) => {
      const kept = (reason ?? '').slice(0, MAX_REASON_LENGTH)
      if (until !== undefined && duration === undefined) {
        const at = Date.parse(until)
        if (!Number.isNaN(at)) return { until: at, reason: kept }
        ctx.issues.push({ code: 'custom', message: `'${until}' is not an ISO date-time`, path: ['until'], input: until })
      } else if (duration !== undefined && until === undefined) {
        const ms = parseDuration(duration)
        if (ms !== undefined) return { until: clock() + ms, reason: kept }
        ctx.issues.push({
          code: 'custom',
          message: `'${duration}' is not a duration such as 30m, 2h or 1d`,
          path: ['for'],
          input: duration,
        })
      } else {
        ctx.issues.push({
          code: 'custom',
          message: `a silence needs exactly one of until (an ISO time) or for (a duration such as 2h), e.g. ${bodyExample}`,
          input: { until, for: duration },
        })
      }
      return z.NEVER
    })
}

/** The rule values' window when none is asked for: the 6 hours before `to`. */
const DEFAULT_VALUES_WINDOW_MS = 6 * 3_600_000
/** The longest window of rule values: what the table keeps. */
const MAX_VALUES_WINDOW_MS = 7 * 86_400_000

/** The query of `GET /api/alerts/values`: a window, the last 6 hours when left out. */
export function ruleValuesQuery(clock: () => number) {
  return z
    .object({
      from: timeParam('Start of the window; 6 hours before to when left out.'),
      to: timeParam('End of the window; now when left out.'),
    })
    .transform(({ from, to }, ctx) => {
      const toMs = to ?? clock()
      const fromMs = from ?? toMs - DEFAULT_VALUES_WINDOW_MS
      if (fromMs >= toMs) ctx.issues.push({ code: 'custom', message: 'from must be before to', input: { from, to } })
      else if (toMs - fromMs > MAX_VALUES_WINDOW_MS)
        ctx.issues.push({ code: 'custom', message: 'the window from from to to may be 7 days at most', input: { from, to } })
      return { fromMs, toMs }
    })
}
