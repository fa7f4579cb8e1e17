import { describe, expect, it } from 'vitest'
import { shortKeyName } from './keys.ts'

describe('shortKeyName', () => {
  it('drops the retail prefix and the id suffix', () => {
    expect(shortKeyName('retail.order.id')).toBe('order')
    expect(shortKeyName('retail.erp.document.id')).toBe('erp document')
    expect(shortKeyName('retail.sku')).toBe('sku')
  })

  it('leaves other keys alone', () => {
    expect(shortKeyName('loyalty_id')).toBe('loyalty_id')
  })
})
