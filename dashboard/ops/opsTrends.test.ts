import { describe, expect, it } from 'vitest'
import type { JourneyTrendsResponse } from '../../core/index.ts'
import { promotionReachTrend, stageLatencyTrend, startedTrend } from './opsTrends.ts'

const zero = { in_progress: 0, late: 0, stalled: 0, failed: 0, complete: 0 }
const trends: JourneyTrendsResponse = {
  type: 'order',
  from: '2026-12-07T10:00:00.000Z',
  to: '2026-12-07T11:00:00.000Z',
  stepSeconds: 60,
  started: [
    { at: '2026-12-07T10:00:00.000Z', counts: { ...zero, late: 2, complete: 1 } },
    { at: '2026-12-07T10:01:00.000Z', counts: { ...zero, complete: 3 } },
  ],
  stages: [
    { stage: 'order.placed', points: [{ at: '2026-12-07T10:00:00.000Z', reached: 3 }] },
    {
      stage: 'order.payment_authorized',
      points: [
        { at: '2026-12-07T10:00:00.000Z', reached: 2, p95Ms: 4000 },
        { at: '2026-12-07T10:02:00.000Z', reached: 1, p95Ms: 9000 },
      ],
    },
    { stage: 'order.invoiced', points: [{ at: '2026-12-07T10:02:00.000Z', reached: 1, p95Ms: 60000 }] },
  ],
}
const at = (iso: string) => Date.parse(iso)

describe('operations trends', () => {
  it('draw a p95 line per stage that has a stage before it, with gaps where a bucket has none', () => {
    const view = stageLatencyTrend(trends)
    expect(view.series.map((s) => s.key)).toEqual(['order.payment_authorized', 'order.invoiced'])
    expect(view.rows).toEqual([
      { at: at('2026-12-07T10:00:00.000Z'), 'order.payment_authorized': 4000 },
      { at: at('2026-12-07T10:02:00.000Z'), 'order.payment_authorized': 9000, 'order.invoiced': 60000 },
    ])
  })

  it('stack the journeys started per bucket by status, the statuses that need a look at the bottom, only those present', () => {
    const view = startedTrend(trends)
    expect(view.series.map((s) => [s.key, s.kind, s.stack])).toEqual([
      ['late', 'bar', 'status'],
      ['complete', 'bar', 'status'],
    ])
    expect(view.rows[0]).toMatchObject({ at: at('2026-12-07T10:00:00.000Z'), late: 2, complete: 1 })
  })

  it("carry the promotions' running totals to the window's end", () => {
    const view = promotionReachTrend(
      { promotions: [], stores: [], stepSeconds: 60, reach: [{ at: '2026-12-07T10:00:00.000Z', targeted: 6, live: 4 }] },
      at('2026-12-07T11:00:00.000Z'),
    )
    expect(view.rows).toEqual([
      { at: at('2026-12-07T10:00:00.000Z'), targeted: 6, live: 4 },
      { at: at('2026-12-07T11:00:00.000Z'), targeted: 6, live: 4 },
    ])
    expect(view.series.find((s) => s.key === 'targeted')).toMatchObject({ kind: 'step', dashed: true })
  })
})
