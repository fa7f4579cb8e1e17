import { describe, expect, it } from 'vitest'
import { autoStepSeconds, estateFilter, estateWindow, parseDurationMs, stepSeconds, stockOptions } from './estate-params.ts'
import { ApiError } from '../../api/index.ts'

const NOW = Date.parse('2025-11-30T10:00:00.000Z')
const reader = (params: Record<string, string>) => (name: string): string | undefined => params[name]

function badRequest(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof ApiError && error.code === 'bad_request') return error.message
    throw error
  }
  throw new Error('expected a 400')
}

describe('estate window', () => {
  it('is the last hour by default', () => {
    expect(estateWindow(reader({}), NOW)).toEqual({ from: new Date('2025-11-30T09:00:00.000Z'), to: new Date(NOW) })
  })

  it('takes ISO times and epoch milliseconds, and an hour before to when only to is given', () => {
    expect(estateWindow(reader({ from: '2025-11-29T10:00:00Z', to: String(NOW) }), NOW).from).toEqual(new Date('2025-11-29T10:00:00Z'))
    expect(estateWindow(reader({ to: '2025-11-30T08:00:00Z' }), NOW).from).toEqual(new Date('2025-11-30T07:00:00Z'))
  })

  it('refuses a window that is backwards, longer than 7 days or not a time', () => {
    expect(badRequest(() => estateWindow(reader({ from: '2025-11-30T11:00:00Z', to: '2025-11-30T10:00:00Z' }), NOW))).toMatch(/from must be before to/)
    expect(badRequest(() => estateWindow(reader({ from: '2025-11-20T10:00:00Z' }), NOW))).toMatch(/7 days at most/)
    expect(badRequest(() => estateWindow(reader({ from: 'yesterday' }), NOW))).toMatch(/ISO-8601/)
  })
})

describe('estate filter', () => {
  it('keeps the tenant and the filters asked for', () => {
    const filter = estateFilter(reader({ service: 'erp-gateway', span: 'erp.post_invoice', store: 'store-7', channel: 'pos', region: 'north' }), 'acme', NOW)
    expect(filter).toMatchObject({ tenant: 'acme', service: 'erp-gateway', span: 'erp.post_invoice', store: 'store-7', channel: 'pos', region: 'north' })
  })

  it('refuses a span name without its service and an overlong value', () => {
    expect(badRequest(() => estateFilter(reader({ span: 'POST' }), 'acme', NOW))).toMatch(/span needs service/)
    expect(badRequest(() => estateFilter(reader({ store: 'x'.repeat(300) }), 'acme', NOW))).toMatch(/store is longer than 256/)
  })
})

describe('bucket step', () => {
  it('rounds a window to about 60 buckets of a round size', () => {
    expect(autoStepSeconds(3_600_000)).toBe(60)
    expect(autoStepSeconds(15 * 60_000)).toBe(15)
    expect(autoStepSeconds(24 * 3_600_000)).toBe(1800)
    expect(autoStepSeconds(7 * 24 * 3_600_000)).toBe(10_800)
  })

  it('takes a duration or seconds, and refuses more than 1000 buckets', () => {
    const hour = estateFilter(reader({}), 'acme', NOW)
    expect(stepSeconds(reader({ step: '5m' }), hour)).toBe(300)
    expect(stepSeconds(reader({ step: '30' }), hour)).toBe(30)
    expect(stepSeconds(reader({}), hour)).toBe(60)
    expect(badRequest(() => stepSeconds(reader({ step: '1s' }), hour))).toMatch(/at most 1000 buckets/)
    expect(badRequest(() => stepSeconds(reader({ step: 'often' }), hour))).toMatch(/duration such as/)
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
    expect(stockOptions(reader({}))).toEqual({ tolerance: 0, settleSeconds: 120 })
    expect(stockOptions(reader({ tolerance: '2', settle: '10m' }))).toEqual({ tolerance: 2, settleSeconds: 600 })
  })

  it('refuses a negative tolerance', () => {
    expect(badRequest(() => stockOptions(reader({ tolerance: '-1' })))).toMatch(/tolerance/)
  })
})
