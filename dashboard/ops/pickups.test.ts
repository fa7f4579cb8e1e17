import { describe, expect, it } from 'vitest'
import type { JourneyStageType, JourneySummary, JourneyTypeView } from '../../core/index.ts'
import { pickupStages, waitingPickups } from './pickups.ts'

const stage = (name: string, after: string[], role?: string): JourneyStageType => ({ name, after, slaMs: 1000, ...(role ? { role } : {}) })
const ORDER: JourneyTypeView = {
  type: 'order',
  rootKey: 'retail.order.id',
  linkedKeys: [],
  stages: [
    stage('order.erp_created', []),
    stage('order.ready_for_pickup', ['order.erp_created'], 'ready_for_pickup'),
    stage('order.picked_up', ['order.ready_for_pickup']),
  ],
}
// A type of the config file's own whose pickup stage is named otherwise.
const TRANSFER: JourneyTypeView = {
  type: 'transfer',
  rootKey: 'retail.transfer.id',
  linkedKeys: [],
  stages: [stage('transfer.requested', []), stage('transfer.at_counter', ['transfer.requested'], 'ready_for_pickup')],
}
const RETURN: JourneyTypeView = { type: 'return', rootKey: 'retail.return.id', linkedKeys: [], stages: [stage('return.initiated', [])] }

const journey = (
  key: string,
  store: string,
  stage: string,
  lastActivityAt: string,
  status: JourneySummary['status'] = 'in_progress',
): JourneySummary => ({
  type: stage.split('.')[0]!,
  key,
  status,
  late: false,
  startedAt: lastActivityAt,
  lastActivityAt,
  ageMs: 0,
  currentStage: stage,
  currentSystem: 'pos',
  store,
  channel: 'web',
  region: 'north',
  stagesReached: 5,
  stageCount: 8,
})
const now = Date.parse('2025-11-30T10:00:00Z')

describe('pickupStages', () => {
  it('finds the stages that play the ready_for_pickup role, whatever their names', () => {
    expect(pickupStages([ORDER, RETURN, TRANSFER])).toEqual(['order.ready_for_pickup', 'transfer.at_counter'])
  })
})

describe('waitingPickups', () => {
  it('groups orders ready and not collected by store, the longest wait first', () => {
    const stores = waitingPickups(
      [
        journey('A', 'store-1', 'order.ready_for_pickup', '2025-11-30T09:50:00Z'),
        journey('B', 'store-2', 'order.ready_for_pickup', '2025-11-30T09:00:00Z', 'late'),
        journey('C', 'store-1', 'order.ready_for_pickup', '2025-11-30T09:30:00Z'),
        journey('D', 'store-1', 'order.picked_up', '2025-11-30T09:00:00Z'),
        journey('E', 'store-3', 'transfer.at_counter', '2025-11-30T09:55:00Z'),
      ],
      pickupStages([ORDER, TRANSFER]),
      now,
    )
    expect(stores.map((s) => [s.store, s.waiting, s.longestMs])).toEqual([
      ['store-2', 1, 3_600_000],
      ['store-1', 2, 1_800_000],
      ['store-3', 1, 300_000],
    ])
    expect(stores[1]?.orders.map((o) => o.key)).toEqual(['C', 'A'])
  })
})
