import { describe, expect, it } from 'vitest'
import { durationText, parseDuration } from './duration.ts'

describe('durations', () => {
  it("read the config file's units and refuse anything else", () => {
    expect(['500ms', '15s', '5m', '2h', '24h', '7d'].map(parseDuration)).toEqual([500, 15_000, 300_000, 7_200_000, 86_400_000, 604_800_000])
    expect(['', '5', '1.5h', '2 weeks', '-1s'].map(parseDuration)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it('print the largest exact unit', () => {
    expect([7_200_000, 90_000, 1_500, 0].map(durationText)).toEqual(['2h', '90s', '1500ms', '0ms'])
  })
})
