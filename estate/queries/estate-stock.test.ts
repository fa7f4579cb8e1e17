import { describe, expect, it } from 'vitest'
import { filterValuesQuery, stockPairsQuery, stockReadingsQuery } from './estate-stock.ts'

const target = { database: 'throughline', retentionDays: 30 }
const filter = { tenant: 'acme', from: new Date('2025-11-30T09:00:00Z'), to: new Date('2025-11-30T10:00:00Z') }

describe('stock queries', () => {
  it('compares each system\'s latest on-hand now and as of the settle time, with bound tolerance', () => {
    const q = stockReadingsQuery(target, filter, { tolerance: 2, settledAt: new Date('2025-11-30T09:58:00Z'), limit: 200 })
    expect(q.text).toContain('GROUP BY sku, location, system')
    expect(q.text).toMatch(/HAVING systems >= 2 AND systemsThen = systems AND unitsApart > \{p\d+:Int64\} AND unitsApartThen > \{p\d+:Int64\}/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.inventory.on_hand', 'retail.sku', '1764496680.000', 2, 200]))
  })

  it('counts the pairs two systems read', () => {
    expect(stockPairsQuery(target, filter).text).toContain('HAVING uniqExact(RetailSystem) >= 2')
  })

  it('lists filter values from the spans of the window', () => {
    const q = filterValuesQuery(target, filter, 200)
    expect(q.text).toMatch(/groupUniqArrayIf\(\{p\d+:Int64\}\)/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.store.id', 'retail.channel', 'retail.region', 200]))
  })
})
