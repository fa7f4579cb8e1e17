import { describe, expect, it } from 'vitest'
import type { JourneyStageType, JourneySummary, JourneyTypeView } from '../../core/index.ts'
import { refundCounts, refundStages } from './refunds.ts'

const stage = (name: string, after: string[], role?: string): JourneyStageType => ({ name, after, slaMs: 1000, ...(role ? { role } : {}) })
const RETURN: JourneyTypeView = {
  type: 'return',
  rootKey: 'retail.return.id',
  linkedKeys: [],
  stages: [
    stage('return.initiated', []),
    stage('return.received', ['return.initiated']),
    stage('return.refunded', ['return.received'], 'refunded'),
    stage('return.inspected', ['return.refunded']),
    stage('return.erp_credited', ['return.inspected'], 'erp_credited'),
  ],
}
// A type of the config file's own, whose refund stages are named otherwise and which goes on after the credit.
const EXCHANGE: JourneyTypeView = {
  type: 'exchange',
  rootKey: 'retail.exchange.id',
  linkedKeys: [],
  stages: [
    stage('exchange.opened', []),
    stage('exchange.money_back', ['exchange.opened'], 'refunded'),
    stage('exchange.credit_note', ['exchange.money_back'], 'erp_credited'),
    stage('exchange.closed', ['exchange.credit_note']),
  ],
}
const ORDER: JourneyTypeView = { type: 'order', rootKey: 'retail.order.id', linkedKeys: [], stages: [stage('order.placed', [])] }

const journey = (type: string, key: string, currentStage: string, ageMs: number): JourneySummary => ({
  type,
  key,
  status: 'in_progress',
  late: false,
  startedAt: '',
  lastActivityAt: '',
  ageMs,
  currentStage,
  currentSystem: 'erp',
  store: '',
  channel: 'web',
  region: '',
  stagesReached: 1,
  stageCount: 5,
})

describe('refundStages', () => {
  it('finds the stages between a refund and its ERP credit by their roles, in every type that has both', () => {
    expect(refundStages([ORDER, RETURN, EXCHANGE])).toEqual({
      types: new Set(['return', 'exchange']),
      notPosted: ['return.refunded', 'return.inspected', 'exchange.money_back'],
      posted: ['return.erp_credited', 'exchange.credit_note', 'exchange.closed'],
    })
  })
})

describe('refundCounts', () => {
  it('splits returns into awaiting refund, refunded and not posted, and posted', () => {
    const counts = refundCounts(
      [
        journey('return', 'A', 'return.received', 1),
        journey('return', 'B', 'return.refunded', 5),
        journey('return', 'C', 'return.inspected', 9),
        journey('return', 'D', 'return.erp_credited', 2),
      ],
      refundStages([RETURN]),
    )
    expect(counts).toMatchObject({ awaitingRefund: 1, refundedNotPosted: 2, posted: 1 })
    expect(counts.pending.map((r) => r.key)).toEqual(['C', 'B'])
  })

  it('counts the refunds of a type the config file renamed, and a journey past its credit as posted', () => {
    const counts = refundCounts(
      [
        journey('exchange', 'E', 'exchange.money_back', 3),
        journey('exchange', 'F', 'exchange.closed', 4),
        journey('order', 'G', 'order.placed', 1),
      ],
      refundStages([ORDER, EXCHANGE]),
    )
    expect(counts).toMatchObject({ awaitingRefund: 0, refundedNotPosted: 1, posted: 1 })
    expect(counts.pending.map((r) => r.key)).toEqual(['E'])
  })
})
