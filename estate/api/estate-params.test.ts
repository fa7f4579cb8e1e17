import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { estateQuery, latencyQuery, parseDurationMs, stockQuery } from './estate-params.ts'
import { issuesMessage } from '../../api/index.ts'

const NOW = Date.parse('2025-11-30T10:00:00.000Z')
const clock = (): number => NOW

/** What the route answers: the parsed query, or the 400's message. */
function parse<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const result = schema.safeParse(query)
  if (result.success) return result.data
  throw new Error(issuesMessage(result.error.issues))
}

describe('estate window', () => {
  it('is the last hour by default', () => {
    expect(parse(estateQuery(clock), {})).toMatchObject({ from: new Date('2025-11-30T09:00:00.000Z'), to: new Date(NOW) })
  })

  it('takes ISO times and epoch milliseconds, and an hour before to when only to is given', () => {
    expect(parse(estateQuery(clock), { from: '2025-11-29T10:00:00Z', to: String(NOW) }).from).toEqual(new Date('2025-11-29T10:00:00Z'))
    expect(parse(estateQuery(clock), { to: '2025-11-30T08:00:00Z' }).from).toEqual(new Date('2025-11-30T07:00:00Z'))
  })

  it('refuses a window that is backwards, longer than 7 days or not a time', () => {
    expect(() => parse(estateQuery(clock), { from: '2025-11-30T11:00:00Z', to: '2025-11-30T10:00:00Z' })).toThrow('from must be before to')
    expect(() => parse(estateQuery(clock), { from: '2025-11-20T10:00:00Z' })).toThrow('the window from from to to may be 7 days at most')
    expect(() => parse(estateQuery(clock), { from: 'yesterday' })).toThrow(
      "from: must be an ISO-8601 time or epoch milliseconds, not 'yesterday'",
    )
  })
})

describe('estate filters', () => {
  it('keeps the filters asked for and leaves a blank one out', () => {
    const scope = parse(estateQuery(clock), {
      service: 'erp-gateway',
      span: 'erp.post_invoice',
      store: 'store-7',
      channel: 'pos',
      region: 'north',
      from: '',
    })
    expect(scope).toMatchObject({
      service: 'erp-gateway',
      span: 'erp.post_invoice',
      store: 'store-7',
      channel: 'pos',
      region: 'north',
      from: new Date('2025-11-30T09:00:00.000Z'),
    })
  })

  it('refuses a span name without its service and an overlong value', () => {
    expect(() => parse(estateQuery(clock), { span: 'POST' })).toThrow('span needs service')
    expect(() => parse(estateQuery(clock), { store: 'x'.repeat(300) })).toThrow('store: is longer than 256 characters')
  })
})

describe('bucket step', () => {
  it('takes a duration or seconds, and refuses more than 1000 buckets', () => {
    expect(parse(latencyQuery(clock), { step: '5m' }).stepSeconds).toBe(300)
    expect(parse(latencyQuery(clock), { step: '30' }).stepSeconds).toBe(30)
    expect(parse(latencyQuery(clock), {}).stepSeconds).toBe(60)
    expect(() => parse(latencyQuery(clock), { step: '1s' })).toThrow('step: is too small for the window: at most 1000 buckets (try 60s)')
    expect(() => parse(latencyQuery(clock), { step: 'often' })).toThrow(
      "step: must be a duration such as 30s, 5m or 1h (a bare number is seconds), not 'often'",
    )
  })

  it('reads durations with their unit', () => {
    expect(parseDurationMs('90s')).toBe(90_000)
    expect(parseDurationMs('2h')).toBe(7_200_000)
    expect(parseDurationMs('1.5m')).toBe(90_000)
    expect(parseDurationMs('soon')).toBeUndefined()
  })
})

describe('stock options', () => {
  it('defaults to no tolerance and two minutes to settle', () => {
    expect(parse(stockQuery(clock), {}).options).toEqual({ tolerance: 0, settleSeconds: 120 })
    expect(parse(stockQuery(clock), { tolerance: '2', settle: '10m' }).options).toEqual({ tolerance: 2, settleSeconds: 600 })
  })

  it('refuses a negative tolerance and a settle time over a day', () => {
    expect(() => parse(stockQuery(clock), { tolerance: '-1' })).toThrow('tolerance: must be a number of units from 0 to 1000000')
    expect(() => parse(stockQuery(clock), { settle: '2d' })).toThrow('settle: may be 1d at most')
  })
})
