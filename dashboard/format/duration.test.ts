import { describe, expect, it } from 'vitest'
import { formatDuration } from './duration.ts'

describe('formatDuration', () => {
  it('shows sub-millisecond spans in microseconds', () => {
    expect(formatDuration(0.85)).toBe('850 µs')
    expect(formatDuration(0.0004)).toBe('0 µs')
  })

  it('shows milliseconds with three significant digits and no trailing zeros', () => {
    expect(formatDuration(1.234)).toBe('1.23 ms')
    expect(formatDuration(12.345)).toBe('12.3 ms')
    expect(formatDuration(123.45)).toBe('123 ms')
    expect(formatDuration(5)).toBe('5 ms')
    expect(formatDuration(0.9996)).toBe('1 ms')
  })

  it('moves to seconds when rounding reaches a thousand milliseconds', () => {
    expect(formatDuration(999.7)).toBe('1 s')
    expect(formatDuration(1500)).toBe('1.5 s')
    expect(formatDuration(12_345)).toBe('12.3 s')
  })

  it('shows minutes with seconds, then hours with minutes', () => {
    expect(formatDuration(59_970)).toBe('1m 00s')
    expect(formatDuration(125_000)).toBe('2m 05s')
    expect(formatDuration(3_720_000)).toBe('1h 02m')
    expect(formatDuration(26 * 3_600_000)).toBe('26h 00m')
  })

  it('says zero plainly and marks what is not a duration', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(-1)).toBe('–')
    expect(formatDuration(Number.NaN)).toBe('–')
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('–')
  })
})
