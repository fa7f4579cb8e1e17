import { describe, expect, it } from 'vitest'
import { timeTicks } from './timeTicks.ts'

const at = (hhmm: string) => Date.parse(`2025-11-30T${hhmm}:00Z`)

describe('timeTicks', () => {
  it('puts ticks on round minutes across an hour', () => {
    expect(timeTicks(at('09:03'), at('10:03'))).toEqual([at('09:10'), at('09:20'), at('09:30'), at('09:40'), at('09:50'), at('10:00')])
  })

  it('moves to hours for a day, and never exceeds the count asked for', () => {
    const ticks = timeTicks(at('00:00'), at('00:00') + 86_400_000)
    expect(ticks.length).toBeLessThanOrEqual(7)
    expect(ticks[1]! - ticks[0]!).toBe(6 * 3_600_000)
  })

  it('has no ticks for an empty window', () => {
    expect(timeTicks(5, 5)).toEqual([])
  })
})
