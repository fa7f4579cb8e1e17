import { describe, expect, it } from 'vitest'
import { formatCount, formatMillis, formatPerMinute, formatRate } from './number.ts'

describe('formatCount', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(formatCount(1234567)).toBe('1,234,567')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(2.6)).toBe('3')
  })

  it('marks a missing number', () => {
    expect(formatCount(Number.NaN)).toBe('–')
  })
})

describe('formatRate', () => {
  it('gives the share as a percentage with one decimal', () => {
    expect(formatRate(1, 40)).toBe('2.5%')
    expect(formatRate(0, 10)).toBe('0.0%')
  })

  it('has no rate when there is nothing to divide by', () => {
    expect(formatRate(0, 0)).toBe('–')
  })
})

describe('formatMillis', () => {
  it('keeps a decimal only where it matters', () => {
    expect(formatMillis(4.25)).toBe('4.3')
    expect(formatMillis(12.6)).toBe('13')
    expect(formatMillis(2345.2)).toBe('2,345')
  })
})

describe('formatPerMinute', () => {
  it('keeps a decimal for slow traffic and none for busy traffic', () => {
    expect(formatPerMinute(28, 60)).toBe('0.5')
    expect(formatPerMinute(1560, 60)).toBe('26')
    expect(formatPerMinute(5, 0)).toBe('–')
  })
})
