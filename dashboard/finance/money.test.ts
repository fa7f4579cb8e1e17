import { describe, expect, it } from 'vitest'
import { formatMoney } from './money.ts'

describe('formatMoney', () => {
  it('prints two decimals, separators and the currency', () => {
    expect(formatMoney(17832.5, 'EUR')).toBe('17,832.50 EUR')
    expect(formatMoney(3, '')).toBe('3.00')
    expect(formatMoney(Number.NaN, 'EUR')).toBe('–')
  })
})
