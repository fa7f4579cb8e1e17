import { describe, expect, it } from 'vitest'
import { autoStepSeconds, bucketEnds, postingAgeOf } from './time-buckets.ts'

describe('bucket step', () => {
  it('rounds a window to about 60 buckets of a round size', () => {
    expect(autoStepSeconds(3_600_000)).toBe(60)
    expect(autoStepSeconds(15 * 60_000)).toBe(15)
    expect(autoStepSeconds(24 * 3_600_000)).toBe(1800)
    expect(autoStepSeconds(7 * 24 * 3_600_000)).toBe(10_800)
    expect(autoStepSeconds(31 * 24 * 3_600_000)).toBe(86_400)
  })
})

describe('bucket ends', () => {
  it('end each bucket on a round boundary, and the last at the window’s end', () => {
    expect(bucketEnds(1_005, 1_040, 10)).toEqual([1_010, 1_020, 1_030, 1_040])
    expect(bucketEnds(1_000, 1_035, 10)).toEqual([1_010, 1_020, 1_030, 1_035])
    expect(bucketEnds(1_000, 1_005, 10)).toEqual([1_005])
  })
})

describe('posting ages', () => {
  it('puts an age in the band below its bound, and anything older in the last', () => {
    expect(postingAgeOf(0)).toBe('under 1 h')
    expect(postingAgeOf(3_600_000)).toBe('1–4 h')
    expect(postingAgeOf(5 * 3_600_000)).toBe('4–24 h')
    expect(postingAgeOf(48 * 3_600_000)).toBe('1–3 days')
    expect(postingAgeOf(400 * 3_600_000)).toBe('over 3 days')
  })
})
