import { describe, expect, it } from 'vitest'
import { JOURNEY_TYPES, rootKeyOf } from './journeyTypes.ts'

describe('rootKeyOf', () => {
  it('roots each default journey on its business key', () => {
    expect(rootKeyOf('order')).toBe('retail.order.id')
    expect(rootKeyOf('return')).toBe('retail.return.id')
    expect(rootKeyOf('settlement')).toBe('retail.settlement.id')
    expect(rootKeyOf('promotion')).toBe('retail.promotion.id')
  })

  it('roots a store sale on its order id', () => {
    expect(rootKeyOf('sale')).toBe('retail.order.id')
  })

  it('knows no other type, including names every object inherits', () => {
    expect(rootKeyOf('shipment')).toBeUndefined()
    expect(rootKeyOf('constructor')).toBeUndefined()
  })

  it('lists the five default types', () => {
    expect(JOURNEY_TYPES).toEqual(['order', 'return', 'settlement', 'promotion', 'sale'])
  })
})
