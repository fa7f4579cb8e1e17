import { describe, expect, it } from 'vitest'
import type { JourneyStageView } from '../../core/index.ts'
import { stageTrack } from './stageTrack.ts'

const base = { late: false, missing: false, attempts: 1, failures: 0, retries: 0, deadLetters: 0 }
const stage = (name: string, extra: Partial<JourneyStageView>): JourneyStageView => ({
  ...base,
  name,
  state: 'reached',
  reached: true,
  slaMs: 0,
  ...extra,
})
const t = (s: number) => new Date(Date.parse('2025-11-30T09:00:00Z') + s * 1000).toISOString()

describe('stageTrack', () => {
  const journey = {
    startedAt: t(0),
    lastActivityAt: t(50),
    status: 'in_progress' as const,
    stages: [
      stage('order.placed', { at: t(0) }),
      stage('order.payment_authorized', { at: t(30), previous: 'order.placed', slaMs: 20_000, dueAt: t(20), state: 'late', late: true }),
      stage('order.erp_created', { state: 'overdue', reached: false, slaMs: 40_000, dueAt: t(70) }),
      stage('order.invoiced', { state: 'pending', reached: false, slaMs: 3_600_000 }),
    ],
  }

  it('spans from the start to now while the journey is open', () => {
    const layout = stageTrack(journey, Date.parse(t(100)))
    expect(layout.endMs - layout.startMs).toBe(100_000)
  })

  it('draws the wait from the previous stage and the SLA beside it', () => {
    const [, paid] = stageTrack(journey, Date.parse(t(100))).rows
    expect(paid?.wait).toEqual({ leftPct: 0, widthPct: 30 })
    expect(paid?.sla).toEqual({ leftPct: 0, widthPct: 20, beyond: false })
    expect(paid?.reachedPct).toBe(30)
  })

  it("runs an overdue stage's wait until now, from when its clock started", () => {
    const [, , erp] = stageTrack(journey, Date.parse(t(100))).rows
    expect(erp?.wait).toEqual({ leftPct: 30, widthPct: 70 })
    expect(erp?.sla).toEqual({ leftPct: 30, widthPct: 40, beyond: false })
    expect(erp?.reachedPct).toBeUndefined()
  })

  it('draws nothing for a stage whose clock has not started', () => {
    const [, , , invoiced] = stageTrack(journey, Date.parse(t(100))).rows
    expect(invoiced).toEqual({ stage: journey.stages[3] })
  })

  it('ends at the last activity once complete', () => {
    expect(stageTrack({ ...journey, status: 'complete' }, Date.parse(t(1000))).endMs).toBe(Date.parse(t(50)))
  })
})

describe('stageTrack beyond the chart', () => {
  it('draws no SLA for a stage whose clock starts after the chart ends', () => {
    const later = { ...base, name: 'order.shipped', state: 'pending' as const, reached: false, slaMs: 3_600_000, dueAt: t(7200) }
    const layout = stageTrack({ startedAt: t(0), lastActivityAt: t(10), status: 'in_progress', stages: [later] }, Date.parse(t(20)))
    expect(layout.rows[0]).toEqual({ stage: later })
  })
})
