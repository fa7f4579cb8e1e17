import { beforeAll, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../core/index.ts'
import { newTraceId } from '../test/fixtures/spans.ts'
import { BASE, stageOf, stageSpan as stage } from '../test/fixtures/stage-spans.ts'
import { keyRecogniser, createSpanStore, type SpanStore } from '../spans/index.ts'
import { createJourneyStore, DEFAULT_LOOKUP_BOUNDS, type JourneyStore } from './journey-store.ts'
import { DEFAULT_JOURNEYS } from './model/defaults.ts'
import { stageRecogniser } from './model/stage-recogniser.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const target = TEST_TARGET
const warehouse = embeddedWarehouse('journeys', target)
let spans: SpanStore
let journeys: JourneyStore

beforeAll(() => {
  spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  journeys = createJourneyStore(warehouse, target, DEFAULT_JOURNEYS, {
    bounds: { ...DEFAULT_LOOKUP_BOUNDS, closure: { ...DEFAULT_LOOKUP_BOUNDS.closure, maxFanOut: 20 } },
  })
})

let batch = 0
async function store(tenant: string, records: SpanRecord[]): Promise<void> {
  await spans.insert(tenant, records, `batch-${batch++}`)
}

describe('journey lookup', () => {
  const order = { 'retail.order.id': 'WEB-1', 'retail.channel': 'web', 'retail.region': 'north', 'retail.store.id': 'store-007' }
  const traceA = newTraceId()
  const producer = stage('', 50 * MIN, order, { traceId: traceA, kind: 'producer', name: 'inventory-reservations publish' })

  beforeAll(async () => {
    await store('acme', [
      stage('order.placed', 60 * MIN, order, { traceId: traceA, system: 'ecommerce' }),
      stage('order.payment_authorized', 59 * MIN, { ...order, 'retail.payment.id': 'PAY-1' }, { traceId: traceA, system: 'payment' }),
      producer,
      // A warehouse consumer that propagates no keys: it belongs to the order only through its link.
      stage(
        'order.inventory_reserved',
        49 * MIN,
        {},
        { system: 'wms', kind: 'consumer', links: [{ traceId: traceA, spanId: producer.spanId, traceState: '', attributes: {} }] },
      ),
      stage('order.erp_created', 40 * MIN, { ...order, 'retail.erp.document.id': 'SO-1' }, { system: 'erp' }),
      stage('order.ready_for_pickup', 30 * MIN, order, { system: 'pos' }),
      stage('order.picked_up', 20 * MIN, order, { system: 'pos' }),
      stage('order.invoiced', 10 * MIN, { ...order, 'retail.payment.id': 'PAY-1' }, { system: 'erp' }),
      stage('return.initiated', 9 * MIN, { 'retail.return.id': 'RET-1', 'retail.order.id': 'WEB-1' }, { system: 'ecommerce' }),
      stage('return.received', 8 * MIN, { 'retail.return.id': 'RET-1' }, { system: 'wms' }),
      stage('return.refunded', 7 * MIN, { 'retail.return.id': 'RET-1', 'retail.payment.id': 'PAY-1' }, { system: 'payment' }),
      stage(
        'settlement.captured',
        6 * MIN,
        { 'retail.settlement.id': 'SET-1', 'retail.payment.id': 'PAY-1', 'retail.amount': '40' },
        { system: 'payment' },
      ),
      stage(
        'settlement.captured',
        6 * MIN,
        { 'retail.settlement.id': 'SET-1', 'retail.payment.id': 'PAY-OTHER', 'retail.amount': '60' },
        { system: 'payment' },
      ),
      stage('order.invoiced', 6 * MIN, { 'retail.order.id': 'WEB-OTHER', 'retail.payment.id': 'PAY-OTHER' }, { system: 'erp' }),
      stage(
        'settlement.batched',
        5 * MIN,
        { 'retail.settlement.id': 'SET-1', 'retail.amount': '100', 'retail.currency': 'EUR' },
        { system: 'payment' },
      ),
    ])
  })

  it('answers where the order is, stage by stage, with the system and span that reached each', async () => {
    const journey = await journeys.lookup('acme', 'order', 'WEB-1', new Date())
    expect(journey).toMatchObject({
      type: 'order',
      key: 'WEB-1',
      rootKey: 'retail.order.id',
      status: 'complete',
      branch: 'pickup',
      currentStage: 'order.invoiced',
      currentSystem: 'erp',
    })
    expect(journey!.stages.map((s) => [s.name, s.state])).toEqual([
      ['order.placed', 'reached'],
      ['order.payment_authorized', 'reached'],
      ['order.inventory_reserved', 'reached'],
      ['order.erp_created', 'reached'],
      ['order.shipped', 'not_taken'],
      ['order.ready_for_pickup', 'reached'],
      ['order.picked_up', 'reached'],
      ['order.invoiced', 'reached'],
    ])
    expect(stageOf(journey, 'order.inventory_reserved')).toMatchObject({
      ref: { system: 'wms' },
      previous: 'order.payment_authorized',
      afterPreviousMs: 10 * MIN,
    })
    expect(stageOf(journey, 'order.erp_created')).toMatchObject({ late: false, afterPreviousMs: 9 * MIN, ref: { system: 'erp' } })
  })

  it('stitches the return, payment, settlement and ERP document in, with their own journeys', async () => {
    const journey = await journeys.lookup('acme', 'order', 'WEB-1', new Date())
    expect(journey!.linkedKeys.map((k) => `${k.key}=${k.value}@${k.depth}`).sort()).toEqual([
      'retail.erp.document.id=SO-1@1',
      'retail.payment.id=PAY-1@1',
      'retail.return.id=RET-1@1',
      'retail.settlement.id=SET-1@2',
    ])
    expect(journey!.linkedJourneys).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'return', key: 'RET-1', currentStage: 'return.refunded', stagesReached: 3 }),
        expect.objectContaining({ type: 'settlement', key: 'SET-1', currentStage: 'settlement.batched', stagesReached: 2 }),
      ]),
    )
    expect(journey!.traces.some((t) => t.via === 'link')).toBe(true)
    expect(journey!.timeline.filter((e) => e.kind === 'stage').map((e) => e.stage)).toContain('return.refunded')
    expect(JSON.stringify(journey)).not.toContain('WEB-OTHER')
  })

  it('finds the refund from the return, though the refunding span knows only the return and payment', async () => {
    const journey = await journeys.lookup('acme', 'return', 'RET-1', new Date())
    expect(stageOf(journey, 'return.refunded')).toMatchObject({ state: 'reached', ref: { system: 'payment' } })
    expect(journey!.linkedKeys.map((k) => k.value)).toEqual(expect.arrayContaining(['WEB-1', 'PAY-1']))
    expect(journey!.linkedJourneys).toEqual([expect.objectContaining({ type: 'order', key: 'WEB-1', status: 'complete' })])
  })

  it('answers nothing for a journey none of whose stages was seen', async () => {
    expect(await journeys.lookup('acme', 'order', 'NO-SUCH', new Date())).toBeUndefined()
    expect(await journeys.lookup('globex', 'order', 'WEB-1', new Date())).toBeUndefined()
    expect(await journeys.lookup('acme', 'sale', 'WEB-1', new Date())).toBeUndefined()
  })

  it('reports a key reused by accident and keeps the other journeys it touches out', async () => {
    const records = [stage('order.placed', 5 * MIN, { 'retail.order.id': 'HUB-0', 'retail.erp.document.id': 'DOC-REUSED' })]
    for (let i = 1; i <= 40; i++)
      records.push(
        stage('order.placed', 5 * MIN, {
          'retail.order.id': `HUB-${i}`,
          'retail.erp.document.id': 'DOC-REUSED',
          'retail.payment.id': `HUB-PAY-${i}`,
        }),
      )
    await store('hub', records)
    const journey = await journeys.lookup('hub', 'order', 'HUB-0', new Date())
    expect(journey!.skippedKeys).toEqual([expect.objectContaining({ key: 'retail.erp.document.id', value: 'DOC-REUSED', neighbours: 40 })])
    expect(journey!.linkedKeys.map((k) => k.value)).toEqual(['DOC-REUSED'])
    expect(journey!.traces).toHaveLength(1)
  })
})

describe('journey state and lists', () => {
  const now = BASE
  const key = (name: string) => ({
    'retail.order.id': name,
    'retail.channel': 'web',
    'retail.region': name.endsWith('S') ? 'south' : 'north',
  })
  const scenarios: Record<string, { spans: SpanRecord[]; status: string }> = {
    'L-MOVING': {
      status: 'in_progress',
      spans: [stage('order.placed', 3 * MIN, key('L-MOVING')), stage('order.payment_authorized', 2 * MIN, key('L-MOVING'))],
    },
    'L-STALLED-S': {
      status: 'stalled',
      spans: [stage('order.placed', 3 * HOUR, key('L-STALLED-S')), stage('order.payment_authorized', 3 * HOUR - MIN, key('L-STALLED-S'))],
    },
    'L-LATE': {
      status: 'late',
      spans: [stage('order.placed', 20 * MIN, key('L-LATE')), stage('order.payment_authorized', 10 * MIN, key('L-LATE'))],
    },
    'L-FAILED': {
      status: 'failed',
      spans: [
        stage('order.placed', 10 * MIN, key('L-FAILED')),
        stage('order.payment_authorized', 9 * MIN, key('L-FAILED'), { statusCode: 'error' }),
      ],
    },
    'L-DEAD-S': {
      status: 'failed',
      spans: [
        stage('order.placed', 10 * MIN, key('L-DEAD-S')),
        stage('', 9 * MIN, { ...key('L-DEAD-S'), 'retail.dead_letter': 'true' }, { statusCode: 'error' }),
      ],
    },
    'L-DONE': {
      status: 'complete',
      spans: [
        'order.placed',
        'order.payment_authorized',
        'order.inventory_reserved',
        'order.erp_created',
        'order.shipped',
        'order.invoiced',
      ].map((name, i) => stage(name, (10 - i) * MIN, key('L-DONE'))),
    },
    'L-WAIT-S': {
      status: 'in_progress',
      spans: ['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created'].map((name, i) =>
        stage(name, 3 * HOUR - i * MIN, key('L-WAIT-S')),
      ),
    },
  }

  beforeAll(async () => {
    await store(
      'lists',
      Object.values(scenarios).flatMap((s) => s.spans),
    )
  })

  it('give every journey the status a single lookup gives it', async () => {
    const listed = await journeys.list('lists', 'order', { limit: 50, offset: 0, sort: 'newest' }, new Date(now))
    const statuses = Object.fromEntries(listed.journeys.map((j) => [j.key, j.status]))
    expect(statuses).toEqual(Object.fromEntries(Object.entries(scenarios).map(([name, s]) => [name, s.status])))
    for (const name of Object.keys(scenarios)) {
      expect((await journeys.lookup('lists', 'order', name, new Date(now)))!.status, name).toBe(statuses[name])
    }
  })

  it('filter by status, channel and region, page, and sort by age', async () => {
    const at = new Date(now)
    const failed = await journeys.list('lists', 'order', { status: 'failed', limit: 50, offset: 0, sort: 'newest' }, at)
    expect(failed.journeys.map((j) => j.key).sort()).toEqual(['L-DEAD-S', 'L-FAILED'])
    const south = await journeys.list('lists', 'order', { region: 'south', channel: 'web', limit: 50, offset: 0, sort: 'oldest' }, at)
    expect(south.journeys.map((j) => j.key)).toEqual(['L-STALLED-S', 'L-WAIT-S', 'L-DEAD-S'])
    const page = await journeys.list('lists', 'order', { limit: 2, offset: 2, sort: 'oldest' }, at)
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 2 })
    expect(page.journeys.map((j) => j.key)).toEqual(['L-LATE', 'L-DEAD-S'])
    const all = await journeys.list('lists', 'order', { limit: 50, offset: 0, sort: 'newest' }, at)
    expect(all.journeys.find((j) => j.key === 'L-DONE')).toMatchObject({
      type: 'order',
      currentStage: 'order.invoiced',
      stagesReached: 6,
      stageCount: 8,
      channel: 'web',
      region: 'north',
      late: false,
    })
    const recent = await journeys.list('lists', 'order', { fromMs: now - 15 * MIN, limit: 50, offset: 0, sort: 'newest' }, at)
    expect(recent.journeys.map((j) => j.key)).toEqual(['L-MOVING', 'L-DEAD-S', 'L-DONE', 'L-FAILED'])
  })

  it('count journeys by status and time stage to stage by region', async () => {
    const counts = await journeys.statusCounts('lists', {}, new Date(now))
    expect(counts.types.find((t) => t.type === 'order')).toEqual({
      type: 'order',
      total: 7,
      counts: { in_progress: 2, late: 1, stalled: 1, failed: 2, complete: 1 },
    })
    const latency = await journeys.latency('lists', 'order', 'region', {}, new Date(now))
    const paid = latency.transitions.filter((t) => t.from === 'order.placed' && t.to === 'order.payment_authorized')
    expect(paid.map((t) => [t.group, t.count])).toEqual([
      ['north', 3],
      ['south', 2],
    ])
    expect(paid.find((t) => t.group === 'north')).toMatchObject({ p50Ms: MIN, p99Ms: expect.any(Number) })
  })
})

describe('operations and finance aggregates', () => {
  const now = BASE
  beforeAll(async () => {
    const stores = Array.from({ length: 10 }, (_, i) => `store-${String(i + 1).padStart(3, '0')}`)
    const promo = { 'retail.promotion.id': 'PROMO-9' }
    await store('ops', [
      stage('promotion.published', 3 * HOUR, promo, { system: 'merchandising' }),
      ...stores.map((s) => stage('', 3 * HOUR, { ...promo, 'retail.store.id': s }, { kind: 'producer', system: 'merchandising' })),
      ...stores
        .slice(0, 9)
        .map((s, i) => stage('promotion.store_live', 3 * HOUR - (i + 1) * MIN, { ...promo, 'retail.store.id': s }, { system: 'pos' })),
      ...[1, 2, 3].flatMap((n) =>
        ['sale.completed', 'sale.published', 'sale.erp_posted'].map((name, i) =>
          stage(name, 3 * HOUR - i * MIN, { 'retail.order.id': `POS-A-${n}`, 'retail.store.id': 'store-A', 'retail.channel': 'pos' }),
        ),
      ),
      ...[4, 5].flatMap((n) =>
        ['sale.completed', 'sale.published'].map((name, i) =>
          stage(name, 2 * HOUR - n * MIN - i * MIN, {
            'retail.order.id': `POS-A-${n}`,
            'retail.store.id': 'store-A',
            'retail.channel': 'pos',
          }),
        ),
      ),
      ...['sale.completed', 'sale.published', 'sale.erp_posted'].map((name, i) =>
        stage(name, HOUR - i * MIN, { 'retail.order.id': 'POS-B-1', 'retail.store.id': 'store-B', 'retail.channel': 'pos' }),
      ),
      stage('settlement.batched', 30 * HOUR, { 'retail.settlement.id': 'SET-OLD', 'retail.amount': '1200.5', 'retail.currency': 'EUR' }),
      stage('settlement.batched', 2 * HOUR, { 'retail.settlement.id': 'SET-NEW', 'retail.amount': '99.5', 'retail.currency': 'EUR' }),
      stage('settlement.batched', 5 * HOUR, { 'retail.settlement.id': 'SET-POSTED', 'retail.amount': '10', 'retail.currency': 'EUR' }),
      stage('settlement.erp_posted', 4 * HOUR, { 'retail.settlement.id': 'SET-POSTED' }, { system: 'erp' }),
    ])
  })

  it('show a promotion live in 9 of its 10 stores, and which store is missing', async () => {
    const propagation = await journeys.promotions('ops', {}, new Date())
    expect(propagation.promotions).toEqual([
      expect.objectContaining({
        promotionId: 'PROMO-9',
        storesTargeted: 10,
        storesLive: 9,
        missingStores: ['store-010'],
        p95LiveMs: 9 * MIN,
      }),
    ])
    expect(propagation.stores[0]).toMatchObject({ store: 'store-010', promotionsLive: 0, promotionsMissing: 1 })
    const journey = await journeys.lookup('ops', 'promotion', 'PROMO-9', new Date(now))
    expect(journey).toMatchObject({ status: 'stalled' })
    expect(stageOf(journey, 'promotion.store_live')).toMatchObject({ state: 'overdue', stores: { expected: 10, missing: ['store-010'] } })
    const listed = await journeys.list('ops', 'promotion', { limit: 5, offset: 0, sort: 'newest' }, new Date(now))
    expect(listed.journeys[0]).toMatchObject({ key: 'PROMO-9', status: 'stalled' })
  })

  it('keep the store-sale backlog when the sale stages are renamed and say which is which', async () => {
    const renamed = DEFAULT_JOURNEYS.map((j) =>
      j.type !== 'sale'
        ? j
        : {
            ...j,
            stages: [
              { name: 'sale.rung_up', after: [], slaMs: 0, match: [] },
              { name: 'sale.sent_to_hq', after: ['sale.rung_up'], slaMs: 15 * MIN, match: [], role: 'published' as const },
              { name: 'sale.booked_in_sap', after: ['sale.sent_to_hq'], slaMs: HOUR, match: [], role: 'erp_posted' as const },
            ],
          },
    )
    const sale = (n: number, names: string[]) =>
      names.map((name, i) =>
        stage(name, 2 * HOUR - i * MIN, { 'retail.order.id': `POS-C-${n}`, 'retail.store.id': 'store-C', 'retail.channel': 'pos' }),
      )
    await store('renamed', [
      ...sale(1, ['sale.rung_up', 'sale.sent_to_hq', 'sale.booked_in_sap']),
      ...sale(2, ['sale.rung_up', 'sale.sent_to_hq']),
    ])
    const backlog = await createJourneyStore(warehouse, target, renamed).storeSales('renamed', {}, new Date(now))
    expect(backlog.stores).toEqual([expect.objectContaining({ store: 'store-C', published: 2, posted: 1, backlog: 1 })])
    // The default names find none of them.
    expect((await journeys.storeSales('renamed', {}, new Date(now))).stores).toEqual([])
  })

  it('show the store whose sales stopped posting, with its backlog and how old it is', async () => {
    const backlog = await journeys.storeSales('ops', {}, new Date(now))
    expect(backlog.stores).toEqual([
      expect.objectContaining({ store: 'store-A', published: 5, posted: 3, backlog: 2 }),
      expect.objectContaining({ store: 'store-B', published: 1, posted: 1, backlog: 0 }),
    ])
    expect(backlog.stores[0]!.oldestUnpostedAgeMs).toBeGreaterThan(HOUR + 50 * MIN)
    const stalled = await journeys.list(
      'ops',
      'sale',
      { status: 'stalled', store: 'store-A', limit: 10, offset: 0, sort: 'oldest' },
      new Date(now),
    )
    expect(stalled.journeys.map((j) => j.key)).toEqual(['POS-A-4', 'POS-A-5'])
  })

  it('sum settlements by posting status with unposted amounts and their age', async () => {
    const posting = await journeys.settlements('ops', {}, new Date(now))
    expect(posting.statuses).toEqual([
      expect.objectContaining({ status: 'posted', currency: 'EUR', count: 1, amount: 10 }),
      expect.objectContaining({ status: 'unposted', currency: 'EUR', count: 2, amount: 1300 }),
    ])
    expect(posting.statuses[1]!.oldestAgeMs).toBeGreaterThan(29 * HOUR)
  })
})
