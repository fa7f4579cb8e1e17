import { describe, expect, it } from 'vitest'
import { comparedPairsQuery, stockMismatchesQuery } from './stock-comparison.ts'
import { filterValuesQuery } from './filter-values.ts'

const target = { database: 'throughline', retentionDays: 30 }
const scope = { tenant: 'acme', from: new Date('2025-11-30T09:00:00Z'), to: new Date('2025-11-30T10:00:00Z'), store: 'S01' }

describe('stock queries', () => {
  it("compares each system's latest on-hand now and as of the settle time, with bound tolerance, from the stock-reading index", () => {
    const q = stockMismatchesQuery(target, scope, new Date('2025-11-30T09:58:00Z'), 2)
    expect(q.text).toContain('FROM throughline.inventory_readings')
    expect(q.text).toContain('GROUP BY tenant, sku, location, system')
    expect(q.text).toMatch(/HAVING systems >= 2 AND systemsThen = systems AND spreadNow > \{p\d+:Int64\} AND spreadThen > \{p\d+:Int64\}/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['acme', 'S01', '1764496680.000', 2]))
    expect(stockMismatchesQuery(target, { from: scope.from, to: scope.to }, scope.to, 0).text).not.toContain('Tenant =')
  })

  it('counts the pairs two systems read', () => {
    expect(comparedPairsQuery(target, scope).text).toContain('HAVING uniqExact(System) >= 2')
  })

  it('lists filter values from the spans of the window', () => {
    const q = filterValuesQuery(target, scope, 200)
    expect(q.text).toMatch(/groupUniqArrayIf\(\{p\d+:Int64\}\)/)
    expect(Object.values(q.params)).toEqual(expect.arrayContaining(['retail.store.id', 'retail.channel', 'retail.region', 200]))
  })
})
