import { describe, expect, it } from 'vitest'
import type { JourneyTimelineEntry } from '../../core/index.ts'
import { timelineRuns } from './timelineGroups.ts'

const entry = (at: string, stage: string, overrides: Partial<JourneyTimelineEntry> = {}): JourneyTimelineEntry => ({
  at,
  kind: 'stage',
  journey: { type: 'settlement', key: 'ST-1' },
  stage,
  ref: { traceId: `t${at}`, spanId: `s${at}`, service: 'payment-service', system: 'payment', span: 'capture' },
  ...overrides,
})

describe('timeline runs', () => {
  it('groups consecutive repeats of a stage from one system, and keeps the story in order', () => {
    const captures = Array.from({ length: 18 }, (_, i) => entry(`2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, 'settlement.captured'))
    const runs = timelineRuns([
      ...captures,
      entry('2026-01-01T00:01:00Z', 'settlement.batched'),
      entry('2026-01-01T00:02:00Z', 'settlement.captured'),
    ])
    expect(runs.map((run) => [run.first.stage, run.entries.length])).toEqual([
      ['settlement.captured', 18],
      ['settlement.batched', 1],
      ['settlement.captured', 1],
    ])
  })

  it('does not group the same stage from two systems, nor problems that say different things', () => {
    const runs = timelineRuns([
      entry('1', 'settlement.captured'),
      entry('2', 'settlement.captured', { ref: { traceId: 't', spanId: 's', service: 'pos', system: 'pos', span: 'capture' } }),
      entry('3', '', { kind: 'retry', stage: undefined, message: 'lock wait' }),
      entry('4', '', { kind: 'retry', stage: undefined, message: 'lock wait' }),
      entry('5', '', { kind: 'retry', stage: undefined, message: 'timeout' }),
    ])
    expect(runs.map((run) => run.entries.length)).toEqual([1, 1, 2, 1])
  })
})
