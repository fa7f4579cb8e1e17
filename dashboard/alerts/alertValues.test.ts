import { describe, expect, it } from 'vitest'
import { formatAlertValue } from './alertValues.ts'

describe('formatAlertValue', () => {
  it('speaks the unit of the rule', () => {
    expect(formatAlertValue('latency', 2310)).toBe('2.31 s')
    expect(formatAlertValue('error_rate', 0.075)).toBe('7.5%')
    expect(formatAlertValue('backlog', 29)).toBe('29')
    expect(formatAlertValue('inventory_mismatch', 2.5)).toBe('2.50')
    expect(formatAlertValue('latency', Number.NaN)).toBe('–')
  })
})
