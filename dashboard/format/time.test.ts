import { describe, expect, it } from 'vitest'
import { formatAxisTime, formatClock, formatTimestamp, millisBetween } from './time.ts'

describe('formatTimestamp', () => {
  it('prints the instant in the given zone with the zone named', () => {
    expect(formatTimestamp('2025-11-30T09:01:02.123Z', 'UTC')).toBe('2025-11-30 09:01:02.123 UTC')
    expect(formatTimestamp('2025-11-30T09:01:02.123Z', 'Europe/Paris')).toBe('2025-11-30 10:01:02.123 GMT+1')
  })

  it('writes midnight as 00, not 24', () => {
    expect(formatTimestamp('2025-01-01T00:00:00.000Z', 'UTC')).toBe('2025-01-01 00:00:00.000 UTC')
  })

  it('leaves text that is not a date as it is', () => {
    expect(formatTimestamp('not a date', 'UTC')).toBe('not a date')
    expect(formatTimestamp('', 'UTC')).toBe('')
  })
})

describe('formatClock', () => {
  it('prints the time of day with the zone', () => {
    expect(formatClock(new Date('2025-06-01T12:34:56Z'), 'Europe/London')).toBe('13:34:56 GMT+1')
  })
})

describe('millisBetween', () => {
  it('measures the gap between two timestamps', () => {
    expect(millisBetween('2025-11-30T09:00:00.000Z', '2025-11-30T09:00:01.250Z')).toBe(1250)
  })
})

describe('formatAxisTime', () => {
  it('shows the time of day within a day, and the date beyond', () => {
    const ms = Date.parse('2025-11-30T09:05:00Z')
    expect(formatAxisTime(ms, 3_600_000, 'UTC')).toBe('09:05')
    expect(formatAxisTime(ms, 7 * 86_400_000, 'Europe/Paris')).toBe('11-30 10:05')
  })
})
