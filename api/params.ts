/**
 * Building blocks of the routes' query and path schemas: text of a bounded length, a time, a
 * whole number in a range, one of a closed set. An empty value (`?status=`) is the same as none,
 * as a form that leaves a filter blank sends it, and a parameter given twice counts once, by its
 * first value. Each failure reads as what the field takes, so the 400 says
 * `limit: must be a whole number from 1 to 500`.
 */
import { z } from 'zod'

/** The first of a repeated parameter (`?a=1&a=2`), and no value for an empty one. */
const singleValue = (value: unknown): unknown => {
  const first: unknown = Array.isArray(value) ? value[0] : value
  return first === '' ? undefined : first
}

/** `schema` read as a query parameter: blank is absent, a repeated one counts by its first value. */
export function queryParam<S extends z.ZodType>(schema: S) {
  return z.preprocess(singleValue, schema)
}

/** Longest time text accepted; no ISO-8601 time is longer. */
const MAX_TIME_LENGTH = 64

/** Optional text of at most `maxLength` characters. */
export function textParam(maxLength: number) {
  return queryParam(z.string().max(maxLength, `is longer than ${maxLength} characters`).optional())
}

/** Text that must be there, of at most `maxLength` characters; `missing` says what to send. */
export function requiredTextParam(maxLength: number, missing: string) {
  return queryParam(z.string({ error: missing }).max(maxLength, `is longer than ${maxLength} characters`))
}

const epochMs = z
  .string()
  .max(MAX_TIME_LENGTH, `is longer than ${MAX_TIME_LENGTH} characters`)
  .transform((value, ctx) => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
    if (Number.isFinite(ms)) return ms
    ctx.issues.push({ code: 'custom', message: `must be an ISO-8601 time or epoch milliseconds, not '${value}'`, input: value })
    return z.NEVER
  })

/** An optional time, ISO-8601 or epoch milliseconds, as epoch milliseconds. */
export function timeParam(description: string) {
  return queryParam(epochMs.optional()).meta({ description, examples: ['2025-11-30T09:00:00Z', '1764493200000'] })
}

/** A whole number from `min` to `max`, `fallback` when absent. */
export function wholeNumberParam(min: number, max: number, fallback: number) {
  const error = `must be a whole number from ${min} to ${max}`
  return queryParam(z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback))
}

/** One of `values`, `fallback` when absent. */
export function choiceParam<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return queryParam(z.enum(values, { error: `must be ${oneOf(values)}` }).default(fallback))
}

/** One of `values`, or none. */
export function optionalChoiceParam<const T extends readonly [string, ...string[]]>(values: T) {
  return queryParam(z.enum(values, { error: `must be ${oneOf(values)}` }).optional())
}

/** `a, b or c`. */
function oneOf(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : `${values[0]}`
}
