import { describe, expect, it } from 'vitest'
import { axisTicks, offsetMs, scaleBar, traceBounds } from './timeline.ts'

const base = 1_764_493_262_123_000_000n
const at = (offsetNanos: bigint, durationMs: number) => ({ startTimeUnixNano: String(base + offsetNanos), durationMs })

describe('traceBounds', () => {
  it('runs from the earliest start to the latest end, not the last span to start', () => {
    const bounds = traceBounds([at(0n, 10), at(2_000_000n, 100), at(50_000_000n, 5)])
    expect(bounds.startNanos).toBe(base)
    expect(bounds.durationMs).toBe(102)
  })

  it('is empty for a trace without spans', () => {
    expect(traceBounds([]).durationMs).toBe(0)
  })
})

describe('offsetMs', () => {
  it('measures from the start of the trace with sub-millisecond precision', () => {
    const bounds = traceBounds([at(0n, 1)])
    expect(offsetMs(at(1_500n, 1), bounds)).toBeCloseTo(0.0015, 10)
  })
})

describe('scaleBar', () => {
  it('places a bar in proportion to the trace', () => {
    expect(scaleBar(25, 50, 100)).toEqual({ leftPct: 25, widthPct: 50 })
  })

  it('keeps a very short span visible', () => {
    expect(scaleBar(10, 0.001, 1000).widthPct).toBe(0.5)
  })

  it('never runs past the right edge', () => {
    const bar = scaleBar(100, 0, 100)
    expect(bar.leftPct + bar.widthPct).toBeLessThanOrEqual(100)
    expect(bar.widthPct).toBe(0.5)
  })

  it('fills the width when the trace has no length', () => {
    expect(scaleBar(0, 0, 0)).toEqual({ leftPct: 0, widthPct: 100 })
  })
})

describe('axisTicks', () => {
  it('marks the trace evenly from start to end', () => {
    expect(axisTicks(200)).toEqual([
      { ms: 0, pct: 0 },
      { ms: 50, pct: 25 },
      { ms: 100, pct: 50 },
      { ms: 150, pct: 75 },
      { ms: 200, pct: 100 },
    ])
  })
})
