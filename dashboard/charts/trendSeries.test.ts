import { describe, expect, it } from 'vitest'
import { carriedToEnd, mergeRows, zoomWindow } from './trendSeries.ts'

describe('trend rows', () => {
  it('merge per-series points into one row per bucket, oldest first, leaving gaps where a series has none', () => {
    expect(
      mergeRows([
        { key: 'published', at: 2000, value: 3 },
        { key: 'posted', at: 1000, value: 1 },
        { key: 'published', at: 1000, value: 2 },
      ]),
    ).toEqual([
      { at: 1000, posted: 1, published: 2 },
      { at: 2000, published: 3 },
    ])
  })

  it("carry a running total to the window's end", () => {
    expect(carriedToEnd([{ at: 1000, live: 2 }], 5000)).toEqual([
      { at: 1000, live: 2 },
      { at: 5000, live: 2 },
    ])
    expect(carriedToEnd([], 5000)).toEqual([])
  })
})

describe('drag to zoom', () => {
  it('takes the window between two buckets in either direction, the later bucket included', () => {
    expect(zoomWindow(3000, 1000, 500)).toEqual({ fromMs: 1000, toMs: 3500 })
    expect(zoomWindow(1000, 3000, 500)).toEqual({ fromMs: 1000, toMs: 3500 })
    expect(zoomWindow(1000, 1000, 500)).toBeUndefined()
  })
})
