import { rethrow } from '../../test/fixtures/rethrow.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Attributes, SpanRecord } from '../../core/index.ts'
import { spanRecord } from '../../test/fixtures/spans.ts'
import { tableRef, sql } from '../../storage/index.ts'
import { keyRecogniser, createSpanStore, type SpanStore } from '../../spans/index.ts'
import { createJourneyStore, type JourneyStore } from '../journey-store.ts'
import { createJourneySummariser, type JourneySummariser } from './summariser.ts'
import { DEFAULT_JOURNEYS, ORDER_JOURNEY } from '../model/defaults.ts'
import { stageGraph } from '../model/stage-graph.ts'
import { stageRecogniser } from '../model/stage-recogniser.ts'
import type { JourneyListFilter } from '../lists/list-query.ts'
import { embeddedWarehouse } from '../../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../../test/fixtures/topology.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const target = TEST_TARGET
const graphs = DEFAULT_JOURNEYS.map(stageGraph)
const warehouse = embeddedWarehouse('summaries', target)
let spans: SpanStore
let live: JourneyStore
let summariser: JourneySummariser
let summarised: JourneyStore

const BASE = Date.now()
let batch = 0
const store = (records: SpanRecord[], tenant = 'acme'): Promise<void> => spans.insert(tenant, records, `summary-batch-${batch++}`)

function stage(name: string, agoMs: number, keys: Attributes, overrides: Partial<SpanRecord> = {}): SpanRecord {
  const start = BigInt(BASE - agoMs) * 1_000_000n
  return spanRecord({
    startTimeUnixNano: start,
    endTimeUnixNano: start + 5_000_000n,
    name: `${name} work`,
    attributes: { ...keys, ...(name ? { 'retail.journey.stage': name } : {}) },
    resource: { 'service.name': 'oms', 'retail.system': 'oms' },
    ...overrides,
  })
}

const order = (id: string, store = 'store-1') => ({
  'retail.order.id': id,
  'retail.channel': id.endsWith('A') ? 'app' : 'web',
  'retail.region': 'north',
  'retail.store.id': store,
})
const summaryRows = async (): Promise<number> =>
  Number(
    (
      await warehouse.rows<{ n: string }>(
        sql`SELECT count() AS n FROM ${tableRef(target, 'journey_summaries')} FINAL WHERE Tenant = 'acme'`,
      )
    )[0]!.n,
  )

const FILTERS: JourneyListFilter[] = [
  { limit: 50, offset: 0, sort: 'newest' },
  { limit: 2, offset: 1, sort: 'oldest' },
  { status: 'stalled', limit: 50, offset: 0, sort: 'newest' },
  { status: 'in_progress', store: 'store-2', limit: 50, offset: 0, sort: 'newest' },
  { channel: 'app', region: 'north', limit: 50, offset: 0, sort: 'oldest' },
  { fromMs: BASE - 30 * MIN, limit: 50, offset: 0, sort: 'newest' },
]

/** Every answer a list, a count or a latency gives, from one store at one moment. */
async function answers(journeys: JourneyStore, at: Date, tenant = 'acme'): Promise<unknown[]> {
  return [
    ...(await Promise.all(FILTERS.map((filter) => journeys.list(tenant, 'order', filter, at)))),
    await journeys.list(tenant, undefined, { limit: 50, offset: 0, sort: 'newest' }, at),
    await journeys.statusCounts(tenant, {}, at),
    await journeys.latency(tenant, 'order', 'channel', {}, at),
    await journeys.latency(tenant, 'promotion', 'none', {}, at),
  ]
}

beforeAll(async () => {
  spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  live = createJourneyStore(warehouse, target, DEFAULT_JOURNEYS)
  summariser = createJourneySummariser(warehouse, target, graphs, { lagMs: 0, onError: rethrow })
  summarised = createJourneyStore(warehouse, target, DEFAULT_JOURNEYS, { summaries: summariser })
  await store([
    stage('order.placed', 3 * HOUR, order('S-STALLS')),
    stage('order.payment_authorized', 3 * HOUR - MIN, order('S-STALLS')),
    stage('order.placed', 20 * MIN, order('S-LATE-A')),
    stage('order.payment_authorized', 10 * MIN, order('S-LATE-A')),
    stage('order.placed', 10 * MIN, order('S-FAILED')),
    stage('order.payment_authorized', 9 * MIN, order('S-FAILED'), { statusCode: 'error' }),
    ...['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created', 'order.shipped', 'order.invoiced'].map(
      (name, i) => stage(name, (10 - i) * MIN, order('S-DONE-A')),
    ),
    // Paid two minutes ago: due for reservation in 15 minutes.
    stage('order.placed', 3 * MIN, order('S-MOVING', 'store-2')),
    stage('order.payment_authorized', 2 * MIN, order('S-MOVING', 'store-2')),
    stage('sale.completed', 5 * MIN, order('POS-1')),
  ])
})

afterAll(async () => {
  await summariser.stop()
})

describe('journey summaries', () => {
  it('answer lists, counts and latencies exactly as the live evaluation does, from one row per journey', async () => {
    await summariser.pass()
    expect([...summariser.marks().keys()].sort()).toEqual(['order', 'promotion', 'return', 'sale', 'settlement'])
    expect(await summaryRows()).toBe(6)
    const at = new Date(BASE)
    const expected = await answers(live, at)
    expect(await answers(summarised, at)).toEqual(expected)
    expect((expected[0] as { journeys: { key: string; status: string }[] }).journeys.map((j) => [j.key, j.status])).toEqual([
      ['S-MOVING', 'in_progress'],
      ['S-DONE-A', 'complete'],
      ['S-FAILED', 'failed'],
      ['S-LATE-A', 'late'],
      ['S-STALLS', 'stalled'],
    ])
  })

  it('turn a waiting journey stalled when its deadline passes, without another pass', async () => {
    const later = new Date(BASE + 20 * MIN)
    const listed = await summarised.list('acme', 'order', { status: 'stalled', limit: 50, offset: 0, sort: 'newest' }, later)
    // Reservation was due 15 minutes after payment: the late order has stalled too.
    expect(listed.journeys.map((j) => j.key)).toEqual(['S-MOVING', 'S-LATE-A', 'S-STALLS'])
    expect(await answers(summarised, later)).toEqual(await answers(live, later))
  })

  it('count spans stored after the last pass at once, and summarise them on the next', async () => {
    await store([stage('order.inventory_reserved', MIN, order('S-MOVING', 'store-2')), stage('order.placed', MIN, order('S-NEW'))])
    const at = new Date(BASE)
    const before = await summarised.list('acme', 'order', { limit: 50, offset: 0, sort: 'newest' }, at)
    expect(before.journeys.find((j) => j.key === 'S-MOVING')).toMatchObject({ currentStage: 'order.inventory_reserved', stagesReached: 3 })
    expect(before.journeys.map((j) => j.key)).toContain('S-NEW')
    expect(await answers(summarised, at)).toEqual(await answers(live, at))
    await summariser.pass()
    expect(await summaryRows()).toBe(7)
    expect(await answers(summarised, at)).toEqual(await answers(live, at))
  })

  it('keep one summary of a journey whose start moves to an earlier day when an earlier span arrives late', async () => {
    const DAY = 24 * HOUR
    await store([stage('order.payment_authorized', 2 * DAY, order('S-LATE-START'))], 'moves')
    await summariser.pass()
    const before = await summarised.list('moves', 'order', { limit: 50, offset: 0, sort: 'newest' }, new Date(BASE))
    expect(before.journeys.map((j) => j.startedAt)).toEqual([new Date(BASE - 2 * DAY).toISOString()])
    await store([stage('order.placed', 3 * DAY, order('S-LATE-START'))], 'moves')
    const after = await summarised.list('moves', 'order', { limit: 50, offset: 0, sort: 'newest' }, new Date(BASE))
    expect(after).toMatchObject({
      total: 1,
      journeys: [{ key: 'S-LATE-START', startedAt: new Date(BASE - 3 * DAY).toISOString(), stagesReached: 2 }],
    })
    await summariser.pass()
    expect(await summarised.statusCounts('moves', {}, new Date(BASE))).toEqual(await live.statusCounts('moves', {}, new Date(BASE)))
  })

  it('evaluate journeys stored after the summaries were made in the process, as the SQL evaluation does', async () => {
    const promotion = (store: string, agoMs: number, live: boolean): SpanRecord[] => [
      stage('', agoMs, { 'retail.promotion.id': 'PROMO-9', 'retail.store.id': store }, { kind: 'producer', name: 'promotions publish' }),
      ...(live ? [stage('promotion.store_live', agoMs - MIN, { 'retail.promotion.id': 'PROMO-9', 'retail.store.id': store })] : []),
    ]
    await store(
      [
        stage('order.placed', 3 * HOUR, order('F-STALLS')),
        stage('order.payment_authorized', 3 * HOUR - MIN, order('F-STALLS')),
        stage('order.placed', 20 * MIN, order('F-LATE-A')),
        stage('order.payment_authorized', 10 * MIN, order('F-LATE-A')),
        stage('order.placed', 10 * MIN, order('F-DEAD')),
        stage('', 9 * MIN, { ...order('F-DEAD'), 'retail.dead_letter': 'true' }, { statusCode: 'error' }),
        ...['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created', 'order.ready_for_pickup'].map(
          (name, i) => stage(name, (40 - i) * MIN, order('F-PICKUP', 'store-2')),
        ),
        ...['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created'].map((name, i) =>
          stage(name, 3 * HOUR - i * MIN, order('F-WAITS')),
        ),
        stage('promotion.published', 30 * MIN, { 'retail.promotion.id': 'PROMO-9' }),
        stage('promotion.ecommerce_live', 29 * MIN, { 'retail.promotion.id': 'PROMO-9' }),
        ...promotion('store-1', 28 * MIN, true),
        ...promotion('store-2', 28 * MIN, true),
        ...promotion('store-3', 28 * MIN, false),
      ],
      'fresh',
    )
    for (const at of [new Date(BASE), new Date(BASE + 3 * HOUR)]) {
      const expected = await answers(live, at, 'fresh')
      expect(await answers(summarised, at, 'fresh'), at.toISOString()).toEqual(expected)
    }
    const listed = await summarised.list('fresh', undefined, { limit: 50, offset: 0, sort: 'oldest' }, new Date(BASE))
    expect(listed.journeys.map((j) => [j.key, j.status, j.stagesReached])).toEqual([
      ['F-STALLS', 'stalled', 2],
      ['F-WAITS', 'in_progress', 4],
      ['F-PICKUP', 'in_progress', 5],
      ['PROMO-9', 'in_progress', 2],
      ['F-LATE-A', 'late', 2],
      ['F-DEAD', 'failed', 1],
    ])
  })

  it('on an instance that does not lead, write nothing and follow the marks the leader writes', async () => {
    const rows = async (): Promise<string> =>
      (await warehouse.rows<{ n: string }>(sql`SELECT toString(count()) AS n FROM ${tableRef(target, 'journey_summaries')}`))[0]!.n
    await summariser.pass()
    await summariser.stop()
    const before = await rows()
    await store([stage('order.placed', MIN, order('S-FOLLOWED'))])
    const follower = createJourneySummariser(warehouse, target, graphs, { lagMs: 0, leads: () => false, onError: rethrow })
    await follower.pass()
    expect(await rows()).toBe(before)
    expect(follower.marks().get('order')).toEqual(summariser.marks().get('order'))
    await follower.stop()
    expect(await rows()).toBe(before)
  })

  it('resume from its marks after a restart, and start over for a changed definition', async () => {
    await summariser.stop()
    const versions = async (): Promise<string[]> =>
      (
        await warehouse.rows<{ v: string }>(
          sql`SELECT toString(max(Version)) AS v FROM ${tableRef(target, 'journey_summaries')} WHERE KeyValue = 'S-DONE-A'`,
        )
      ).map((row) => row.v)
    const before = await versions()
    const restarted = createJourneySummariser(warehouse, target, graphs, { lagMs: 0, onError: rethrow })
    await restarted.pass()
    expect(restarted.marks().get('order')!.watermarkMs).toBeGreaterThanOrEqual(summariser.marks().get('order')!.watermarkMs)
    // Nothing touched the finished order since: resumed, not evaluated again.
    expect(await versions()).toEqual(before)

    // A stricter SLA for payment: summaries made under the old definition no longer count.
    const strict = {
      ...ORDER_JOURNEY,
      stages: ORDER_JOURNEY.stages.map((s) => (s.name === 'order.payment_authorized' ? { ...s, slaMs: 30_000 } : s)),
    }
    const definitions = DEFAULT_JOURNEYS.map((journey) => (journey.type === 'order' ? strict : journey))
    const strictSummariser = createJourneySummariser(warehouse, target, definitions.map(stageGraph), { lagMs: 0, onError: rethrow })
    const strictSummarised = createJourneyStore(warehouse, target, definitions, { summaries: strictSummariser })
    await strictSummariser.pass()
    expect(strictSummariser.marks().get('order')!.definition).not.toBe(summariser.marks().get('order')!.definition)
    const at = new Date(BASE)
    const lateNow = await strictSummarised.list('acme', 'order', { status: 'late', limit: 50, offset: 0, sort: 'newest' }, at)
    expect(lateNow.journeys.map((j) => j.key).sort()).toEqual(['S-LATE-A', 'S-MOVING'])
    expect(await answers(strictSummarised, at)).toEqual(await answers(createJourneyStore(warehouse, target, definitions), at))
    await strictSummariser.stop()
    await restarted.stop()
  })
})
