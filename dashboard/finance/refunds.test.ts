import { describe, expect, it } from 'vitest'
import type { JourneySummary } from '../../core/index.ts'
import { refundCounts } from './refunds.ts'

const ret = (key: string, currentStage: string, ageMs: number): JourneySummary => ({
  type: 'return', key, status: 'in_progress', late: false, startedAt: '', lastActivityAt: '', ageMs, currentStage, currentSystem: 'erp', store: '', channel: 'web', region: '', stagesReached: 1, stageCount: 5,
})

describe('refundCounts', () => {
  it('splits returns into awaiting refund, refunded and not posted, and posted', () => {
    const counts = refundCounts([ret('A', 'return.received', 1), ret('B', 'return.refunded', 5), ret('C', 'return.inspected', 9), ret('D', 'return.erp_credited', 2)])
    expect(counts).toMatchObject({ awaitingRefund: 1, refundedNotPosted: 2, posted: 1 })
    expect(counts.pending.map((r) => r.key)).toEqual(['C', 'B'])
  })
})
