import { describe, expect, it } from 'vitest'
import { groupLabel, impactLabel } from './alertText.ts'

const impact = { count: 0, unit: 'orders', amount: 0, currency: '', stores: [], journeys: [], traces: [], details: {} }

describe('alert text', () => {
  it('names the group in short words, in a fixed order', () => {
    expect(groupLabel({ 'retail.store.id': 'store-007', 'retail.channel': 'pos' })).toBe('channel pos, store store-007')
    expect(groupLabel({})).toBe('')
  })

  it('says the impact with its unit, amount and stores', () => {
    expect(impactLabel({ ...impact, count: 12, amount: 1234.5, currency: 'EUR', stores: ['a', 'b'] })).toBe(
      '12 orders, 1,234.50 EUR, 2 stores',
    )
    expect(impactLabel({ ...impact, count: 1, stores: ['a'] })).toBe('1 orders, 1 store')
    expect(impactLabel(impact)).toBe('')
  })
})
