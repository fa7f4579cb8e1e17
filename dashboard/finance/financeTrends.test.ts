import { describe, expect, it } from 'vitest'
import type { JourneyTrendsResponse, JourneyTypeView } from '../../core/index.ts'
import { ageBands, salePostingStages, salesPostingTrend } from './financeTrends.ts'

describe('finance trends', () => {
  it('find the sale stages by their roles, and draw published against posted per bucket', () => {
    const sale = {
      type: 'sale',
      stages: [
        { name: 'sale.completed', after: [] },
        { name: 'sale.sent', after: ['sale.completed'], role: 'published' },
        { name: 'sale.booked', after: ['sale.sent'], role: 'erp_posted' },
      ],
    } as unknown as JourneyTypeView
    const stages = salePostingStages([sale])
    expect(stages).toEqual({ published: 'sale.sent', posted: 'sale.booked' })
    const trends = {
      stages: [
        { stage: 'sale.sent', points: [{ at: '2026-12-07T10:00:00.000Z', reached: 5 }] },
        { stage: 'sale.booked', points: [{ at: '2026-12-07T10:01:00.000Z', reached: 4 }] },
      ],
    } as unknown as JourneyTrendsResponse
    expect(salesPostingTrend(trends, stages!).rows).toEqual([
      { at: Date.parse('2026-12-07T10:00:00.000Z'), published: 5 },
      { at: Date.parse('2026-12-07T10:01:00.000Z'), posted: 4 },
    ])
    expect(salePostingStages([])).toBeUndefined()
  })

  it('keep every age band in place, with the amount and count per currency', () => {
    const view = ageBands([
      { age: '1–4 h', currency: 'EUR', count: 2, amount: 52.5 },
      { age: 'over 3 days', currency: 'GBP', count: 1, amount: 1200 },
    ])
    expect(view.currencies.map((c) => c.currency)).toEqual(['EUR', 'GBP'])
    expect(view.rows.map((r) => r.age)).toEqual(['under 1 h', '1–4 h', '4–24 h', '1–3 days', 'over 3 days'])
    expect(view.rows[1]).toEqual({ age: '1–4 h', EUR: 52.5, 'EUR count': 2, GBP: 0, 'GBP count': 0 })
  })
})
