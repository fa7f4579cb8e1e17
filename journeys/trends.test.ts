/**
 * The figures the operations and finance charts draw, on the real engine: journeys over time
 * (starts by status, stages reached and the p95 time from the stage before), refunds on their way
 * to the ERP with amounts and ages, unposted settlements by age, and promotion reach over time.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { autoStepSeconds } from '../core/index.ts'
import { stageSpan as stage, BASE } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createJourneyStore, type JourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageGraph } from './model/stage-graph.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { createJourneySummariser } from './summaries/summariser.ts'
import { rethrow } from '../test/fixtures/rethrow.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const warehouse = embeddedWarehouse('trends', TEST_TARGET)
const now = new Date(BASE)
let journeys: JourneyStore

const order = (id: string, store = 'S01') => ({ 'retail.order.id': id, 'retail.store.id': store, 'retail.channel': 'web' })
const ret = (id: string, store = 'S01') => ({ 'retail.return.id': id, 'retail.store.id': store })
const money = (amount: string) => ({ 'retail.amount': amount, 'retail.currency': 'EUR' })
const settlement = (id: string) => ({ 'retail.settlement.id': id })
const promotion = (store?: string) => ({ 'retail.promotion.id': 'P-1', ...(store ? { 'retail.store.id': store } : {}) })
const iso = (ms: number) => new Date(ms).toISOString()

beforeAll(async () => {
  const spans = createSpanStore(warehouse, TEST_TARGET, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  await spans.insert(
    'acme',
    [
      stage('order.placed', 50 * MIN, order('O-1')),
      stage('order.payment_authorized', 48 * MIN, order('O-1')),
      stage('order.placed', 50 * MIN, order('O-2')),
      stage('order.payment_authorized', 47 * MIN, order('O-2')),
      stage('order.placed', 20 * MIN, order('O-3', 'S02')),
      stage('order.payment_authorized', 5 * MIN, order('O-3', 'S02')),

      stage('return.initiated', 5 * HOUR, ret('R-1')),
      stage('return.received', 4 * HOUR, ret('R-1')),
      stage('return.refunded', 3 * HOUR, { ...ret('R-1'), ...money('40.00') }, { system: 'payment' }),
      stage('return.initiated', 2 * HOUR, ret('R-2', 'S02')),
      stage('return.received', 90 * MIN, ret('R-2', 'S02')),
      stage('return.refunded', 30 * MIN, { ...ret('R-2', 'S02'), ...money('12.50') }, { system: 'payment' }),
      stage('return.initiated', 5 * HOUR, ret('R-3')),
      stage('return.received', 4 * HOUR + MIN, ret('R-3')),
      stage('return.refunded', 4 * HOUR, { ...ret('R-3'), ...money('20.00') }, { system: 'payment' }),
      stage('return.inspected', 3 * HOUR, ret('R-3')),
      stage('return.erp_credited', 2 * HOUR, { ...ret('R-3'), ...money('20.00') }, { system: 'erp' }),
      stage('return.initiated', HOUR, ret('R-4')),

      stage('settlement.captured', 30 * HOUR, settlement('ST-1')),
      stage('settlement.batched', 28 * HOUR, { ...settlement('ST-1'), ...money('1000.00') }),
      stage('settlement.captured', 3 * HOUR, settlement('ST-2')),
      stage('settlement.batched', 2 * HOUR, { ...settlement('ST-2'), ...money('250.00') }),
      stage('settlement.captured', 3 * HOUR, settlement('ST-3')),
      stage('settlement.batched', 2 * HOUR, { ...settlement('ST-3'), ...money('75.00') }),
      stage('settlement.erp_posted', HOUR, { ...settlement('ST-3'), ...money('75.00') }, { system: 'erp' }),

      stage('promotion.published', 60 * MIN, promotion()),
      ...['S01', 'S02', 'S03'].map((store) => stage('', 60 * MIN, promotion(store), { kind: 'producer', name: 'promotions publish' })),
      stage('promotion.store_live', 55 * MIN, promotion('S01'), { system: 'pos' }),
      stage('promotion.store_live', 30 * MIN, promotion('S02'), { system: 'pos' }),
    ],
    'trends-acme',
  )
  // Another tenant's refund and order: never counted for acme.
  await spans.insert('globex', [stage('return.refunded', 3 * HOUR, { ...ret('R-1'), ...money('99.00') })], 'trends-globex')
  journeys = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS)
})

describe('journeys over time', () => {
  const window = { fromMs: BASE - 6 * HOUR, toMs: BASE }
  const step = autoStepSeconds(6 * HOUR)
  const bucket = (agoMs: number) => iso(Math.floor((BASE - agoMs) / (step * 1000)) * step * 1000)
  /** Points of one stage from (ago, time from the stage before) pairs: the p95 of two is the larger. */
  const points = (reaches: [number, number | undefined][]) => {
    const byBucket = new Map<string, (number | undefined)[]>()
    for (const [ago, took] of reaches) byBucket.set(bucket(ago), [...(byBucket.get(bucket(ago)) ?? []), took])
    return [...byBucket].map(([at, took]) => {
      const timed = took.filter((t): t is number => t !== undefined)
      return { at, reached: took.length, ...(timed.length > 0 ? { p95Ms: Math.max(...timed) } : {}) }
    })
  }

  it('count the journeys that started in each bucket by where they stand now', async () => {
    const trends = await journeys.trends('acme', 'order', window, step, now)
    expect(trends).toMatchObject({ type: 'order', from: iso(window.fromMs), to: iso(BASE), stepSeconds: step })
    expect(trends.started).toEqual([
      { at: bucket(50 * MIN), counts: { in_progress: 0, late: 0, stalled: 2, failed: 0, complete: 0 } },
      { at: bucket(20 * MIN), counts: { in_progress: 0, late: 1, stalled: 0, failed: 0, complete: 0 } },
    ])
  })

  it('count per stage the journeys that reached it in each bucket, with the p95 time from the stage before', async () => {
    const trends = await journeys.trends('acme', 'order', window, step, now)
    expect(trends.stages.map((s) => s.stage)).toEqual(stageGraph(DEFAULT_JOURNEYS[0]!).stages.map((s) => s.name))
    expect(trends.stages[0]!.points).toEqual(
      points([
        [50 * MIN, undefined],
        [50 * MIN, undefined],
        [20 * MIN, undefined],
      ]),
    )
    expect(trends.stages[1]!.points).toEqual(
      points([
        [48 * MIN, 2 * MIN],
        [47 * MIN, 3 * MIN],
        [5 * MIN, 15 * MIN],
      ]),
    )
    expect(trends.stages[2]!.points).toEqual([])
  })

  it('answer the same from the summaries as from the live evaluation', async () => {
    const summariser = createJourneySummariser(warehouse, TEST_TARGET, DEFAULT_JOURNEYS.map(stageGraph), { lagMs: 0, onError: rethrow })
    try {
      await summariser.pass()
      const summarised = createJourneyStore(warehouse, TEST_TARGET, DEFAULT_JOURNEYS, { summaries: summariser })
      for (const type of ['order', 'return']) {
        expect(await summarised.trends('acme', type, window, step, now)).toEqual(await journeys.trends('acme', type, window, step, now))
      }
    } finally {
      await summariser.stop()
    }
  })

  it("narrow to a store's journeys", async () => {
    const trends = await journeys.trends('acme', 'order', { ...window, store: 'S02' }, step, now)
    expect(trends.started.map((b) => b.at)).toEqual([bucket(20 * MIN)])
    expect(trends.stages[1]!.points).toEqual(points([[5 * MIN, 15 * MIN]]))
  })
})

describe('refunds on their way to the ERP', () => {
  const window = { fromMs: BASE - 6 * HOUR, toMs: BASE }

  it('count returns by where their refund stands, with the amounts refunded', async () => {
    const refunds = await journeys.refunds('acme', window, now)
    expect(refunds).toMatchObject({ refunded: 'return.refunded', credited: 'return.erp_credited' })
    expect(refunds.states).toEqual([
      { state: 'awaiting_refund', currency: '', count: 1, amount: 0 },
      { state: 'credited', currency: 'EUR', count: 1, amount: 20 },
      { state: 'pending_credit', currency: 'EUR', count: 2, amount: 52.5 },
    ])
  })

  it('band the refunds not credited by the time since the refund, and name the longest waiting', async () => {
    const refunds = await journeys.refunds('acme', window, now)
    expect(refunds.pendingByAge).toEqual([
      { age: 'under 1 h', currency: 'EUR', count: 1, amount: 12.5 },
      { age: '1–4 h', currency: 'EUR', count: 1, amount: 40 },
    ])
    expect(refunds.oldestPending).toEqual([
      { type: 'return', key: 'R-1', store: 'S01', amount: 40, currency: 'EUR', refundedAt: iso(BASE - 3 * HOUR), ageMs: 3 * HOUR },
      { type: 'return', key: 'R-2', store: 'S02', amount: 12.5, currency: 'EUR', refundedAt: iso(BASE - 30 * MIN), ageMs: 30 * MIN },
    ])
  })

  it("narrow to a store's returns", async () => {
    const refunds = await journeys.refunds('acme', { ...window, store: 'S02' }, now)
    expect(refunds.states).toEqual([{ state: 'pending_credit', currency: 'EUR', count: 1, amount: 12.5 }])
  })
})

describe('unposted settlements', () => {
  it('band the unposted amounts by the time since their batch', async () => {
    const settlements = await journeys.settlements('acme', { fromMs: BASE - 2 * 24 * HOUR, toMs: BASE }, now)
    expect(settlements.unpostedByAge).toEqual([
      { age: '1–4 h', currency: 'EUR', count: 1, amount: 250 },
      { age: '1–3 days', currency: 'EUR', count: 1, amount: 1000 },
    ])
  })
})

describe('promotion reach over time', () => {
  it('run totals of the stores targeted and live at the end of each bucket', async () => {
    const window = { fromMs: BASE - 2 * HOUR, toMs: BASE }
    const propagation = await journeys.promotions('acme', window, now)
    const step = autoStepSeconds(2 * HOUR) * 1000
    const bucket = (agoMs: number) => iso(Math.floor((BASE - agoMs) / step) * step)
    expect(propagation.stepSeconds).toBe(step / 1000)
    expect(propagation.reach).toEqual([
      { at: bucket(60 * MIN), targeted: 3, live: 0 },
      { at: bucket(55 * MIN), targeted: 3, live: 1 },
      { at: bucket(30 * MIN), targeted: 3, live: 2 },
    ])
  })
})
