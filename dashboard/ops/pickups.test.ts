import { describe, expect, it } from 'vitest'
import type { JourneySummary } from '../../core/index.ts'
import { waitingPickups } from './pickups.ts'

const journey = (key: string, store: string, stage: string, lastActivityAt: string, status: JourneySummary['status'] = 'in_progress'): JourneySummary => ({
  type: 'order', key, status, late: false, startedAt: lastActivityAt, lastActivityAt, ageMs: 0, currentStage: stage, currentSystem: 'pos', store, channel: 'web', region: 'north', stagesReached: 5, stageCount: 8,
})
const now = Date.parse('2025-11-30T10:00:00Z')

describe('waitingPickups', () => {
  it('groups orders ready and not collected by store, the longest wait first', () => {
    const stores = waitingPickups([
      journey('A', 'store-1', 'order.ready_for_pickup', '2025-11-30T09:50:00Z'),
      journey('B', 'store-2', 'order.ready_for_pickup', '2025-11-30T09:00:00Z', 'late'),
      journey('C', 'store-1', 'order.ready_for_pickup', '2025-11-30T09:30:00Z'),
      journey('D', 'store-1', 'order.picked_up', '2025-11-30T09:00:00Z'),
    ], now)
    expect(stores.map((s) => [s.store, s.waiting, s.longestMs])).toEqual([['store-2', 1, 3_600_000], ['store-1', 2, 1_800_000]])
    expect(stores[1]?.orders.map((o) => o.key)).toEqual(['C', 'A'])
  })
})
