import { describe, expect, it } from 'vitest'
import type { LatencySeries } from '../../core/index.ts'
import { busiestSeries, metricValue, seriesRows } from './seriesRows.ts'

const point = (at: string, count: number, errors: number, p95Ms: number) => ({
  at,
  count,
  errors,
  p50Ms: p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms * 2,
})
const stats = { count: 0, errors: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0 }
const oms: LatencySeries = {
  name: 'oms',
  system: 'oms',
  total: { ...stats, count: 3 },
  points: [point('2025-11-30T09:00:00Z', 2, 1, 100), point('2025-11-30T09:01:00Z', 1, 0, 80)],
}
const erp: LatencySeries = { name: 'erp', system: 'erp', total: { ...stats, count: 9 }, points: [point('2025-11-30T09:01:00Z', 9, 0, 900)] }

describe('seriesRows', () => {
  it('puts each series in its own column of the bucket rows, oldest first, with gaps left empty', () => {
    expect(seriesRows([oms, erp], 'p95', 60)).toEqual([
      { at: Date.parse('2025-11-30T09:00:00Z'), oms: 100 },
      { at: Date.parse('2025-11-30T09:01:00Z'), oms: 80, erp: 900 },
    ])
  })

  it('turns errors into a percentage and counts into spans per minute', () => {
    expect(metricValue(point('x', 4, 1, 0), 'errorRate', 60)).toBe(25)
    expect(metricValue(point('x', 0, 0, 0), 'errorRate', 60)).toBeUndefined()
    expect(metricValue(point('x', 30, 0, 0), 'throughput', 30)).toBe(60)
  })

  it('keeps the busiest series for the chart', () => {
    expect(busiestSeries([oms, erp], 1).map((s) => s.name)).toEqual(['erp'])
  })
})
