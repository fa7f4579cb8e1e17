import { describe, expect, it } from 'vitest'
import { ruleTrend } from './ruleTrend.ts'

describe('rule trend', () => {
  it('draws the worst group round by round beside the threshold', () => {
    const view = ruleTrend({
      rule: 'erp-posting-latency',
      threshold: 2000,
      points: [
        { at: '2026-12-07T10:00:00.000Z', value: 1800, breaching: 0 },
        { at: '2026-12-07T10:10:00.000Z', value: 2600, breaching: 2 },
      ],
    })
    expect(view.rows).toEqual([
      { at: Date.parse('2026-12-07T10:00:00.000Z'), value: 1800, threshold: 2000 },
      { at: Date.parse('2026-12-07T10:10:00.000Z'), value: 2600, threshold: 2000 },
    ])
    expect(view.series.map((s) => [s.key, s.dashed ?? false])).toEqual([
      ['value', false],
      ['threshold', true],
    ])
  })
})
