import { describe, expect, it } from 'vitest'
import { customRange, parseTimeRange, pinned, rangeId, rangeLabel, rangeParams, windowOf } from './timeRange.ts'

const q = (text: string) => new URLSearchParams(text)

describe('time range in the address', () => {
  it('is the last hour by default, and a rolling range by its name', () => {
    expect(parseTimeRange(q(''))).toEqual({ kind: 'rolling', key: '1h' })
    expect(parseTimeRange(q('range=6h'))).toEqual({ kind: 'rolling', key: '6h' })
    expect(parseTimeRange(q('range=2y'))).toEqual({ kind: 'rolling', key: '1h' })
  })

  it('reads a fixed window, and falls back when it is backwards or longer than 7 days', () => {
    expect(parseTimeRange(q('from=2025-11-30T09:00:00Z&to=2025-11-30T10:00:00Z'))).toEqual({
      kind: 'fixed',
      fromMs: Date.parse('2025-11-30T09:00:00Z'),
      toMs: Date.parse('2025-11-30T10:00:00Z'),
    })
    expect(parseTimeRange(q('from=2025-11-30T10:00:00Z&to=2025-11-30T09:00:00Z')).kind).toBe('rolling')
    expect(parseTimeRange(q('from=2025-11-01T10:00:00Z&to=2025-11-30T09:00:00Z')).kind).toBe('rolling')
  })

  it('writes back only what differs from the default', () => {
    expect(rangeParams({ kind: 'rolling', key: '1h' })).toEqual({ range: undefined, from: undefined, to: undefined })
    expect(rangeParams({ kind: 'rolling', key: '24h' }).range).toBe('24h')
    expect(rangeParams({ kind: 'fixed', fromMs: 0, toMs: 60_000 })).toEqual({
      range: undefined,
      from: '1970-01-01T00:00:00.000Z',
      to: '1970-01-01T00:01:00.000Z',
    })
  })
})

describe('windowOf', () => {
  it('moves a rolling range with the clock and keeps a fixed one', () => {
    expect(windowOf({ kind: 'rolling', key: '15m' }, 1_000_000)).toEqual({ fromMs: 100_000, toMs: 1_000_000 })
    expect(windowOf({ kind: 'fixed', fromMs: 5, toMs: 9 }, 1_000_000)).toEqual({ fromMs: 5, toMs: 9 })
  })
})

describe('range names', () => {
  it('labels and identifies ranges without the clock', () => {
    expect(rangeLabel({ kind: 'rolling', key: '7d' })).toBe('last 7 days')
    expect(rangeLabel({ kind: 'fixed', fromMs: Date.parse('2025-11-30T09:00:00Z'), toMs: Date.parse('2025-11-30T10:30:00Z') })).toBe(
      '2025-11-30 09:00 to 2025-11-30 10:30 UTC',
    )
    expect(rangeId({ kind: 'rolling', key: '6h' })).toBe('6h')
  })

  it('pins a rolling range to the window it shows now, and keeps a fixed one', () => {
    const now = Date.parse('2026-12-07T12:00:00Z')
    expect(rangeParams(pinned({ kind: 'rolling', key: '6h' }, now))).toEqual({
      range: undefined,
      from: '2026-12-07T06:00:00.000Z',
      to: '2026-12-07T12:00:00.000Z',
    })
    const fixed = { kind: 'fixed', fromMs: 1, toMs: 2 } as const
    expect(pinned(fixed, now)).toBe(fixed)
  })

  it('takes a custom window the API accepts, and nothing else', () => {
    expect(customRange('2026-12-07T08:00', '2026-12-07T09:30')).toEqual({
      kind: 'fixed',
      fromMs: new Date('2026-12-07T08:00').getTime(),
      toMs: new Date('2026-12-07T09:30').getTime(),
    })
    expect(customRange('2026-12-07T09:30', '2026-12-07T08:00')).toBeUndefined()
    expect(customRange('2026-11-01T00:00', '2026-12-07T00:00')).toBeUndefined()
    expect(customRange('', '2026-12-07T00:00')).toBeUndefined()
  })
})
