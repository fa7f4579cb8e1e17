import { beforeAll, describe, expect, it } from 'vitest'
import type { SpanRecord } from '../core/index.ts'
import { createSpanStore, keyRecogniser, type SpanStore } from '../spans/index.ts'
import { DEFAULT_JOURNEYS, stageRecogniser } from '../journeys/index.ts'
import type { Warehouse } from '../storage/index.ts'
import { spanRecord } from '../test/fixtures/spans.ts'
import { alertsSectionSchema } from './config-schema.ts'
import { fetchObservations } from './fetch-observations.ts'
import { summarise } from './observation.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const warehouse = embeddedWarehouse('alert-queries', target)
let store: SpanStore
let batch = 0

beforeAll(() => {
  store = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
})

const insert = (tenant: string, spans: SpanRecord[]): Promise<void> => store.insert(tenant, spans, `alerts-${batch++}`)
const stage = (name: string, agoMs: number, attributes: Record<string, string>, service = 'oms'): SpanRecord =>
  spanRecord({ name, agoMs, resource: { 'service.name': service }, attributes: { 'retail.journey.stage': name, ...attributes } })
const reading = (system: string, agoMs: number, sku: string, store: string, onHand: number): SpanRecord =>
  spanRecord({
    name: `${system}.stock`,
    agoMs,
    resource: { 'service.name': system, 'retail.system': system },
    attributes: { 'retail.sku': sku, 'retail.store.id': store, 'retail.inventory.on_hand': String(onHand) },
  })

async function observe(tenant: string, entry: object) {
  const [rule] = alertsSectionSchema.parse({ rules: [entry] }).rules
  const result = await fetchObservations(warehouse, target, [rule!], DEFAULT_JOURNEYS, new Date())
  expect(result.failures).toEqual([])
  return result.observations.get(rule!.name)!.filter((o) => o.tenant === tenant)
}

describe('fetching observations', () => {
  it('asks a question once per round when rules share it, and keeps failures per rule', async () => {
    const asked: string[] = []
    const stub = {
      rows: (query: { params: Record<string, unknown> }) => {
        asked.push(JSON.stringify(query.params))
        return Object.values(query.params).includes('erp-gateway') ? Promise.reject(new Error('boom')) : Promise.resolve([])
      },
    } as unknown as Warehouse
    const rules = alertsSectionSchema.parse({
      rules: [
        { name: 'backlog-5', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 5 },
        { name: 'backlog-50', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 50 },
        { name: 'latency', type: 'latency', service: 'erp-gateway', threshold_ms: 100 },
      ],
    }).rules
    const result = await fetchObservations(stub, target, rules, DEFAULT_JOURNEYS, new Date())
    expect(asked).toHaveLength(2)
    expect([...result.observations.keys()].sort()).toEqual(['backlog-5', 'backlog-50'])
    expect(result.failures.map((f) => [f.rule, (f.error as Error).message])).toEqual([['latency', 'boom']])
  })
})

describe('alert queries on the embedded engine', () => {
  it('find the one pickup order not ready within its SLA, with its amount, store and trace', async () => {
    const late = {
      'retail.order.id': 'WEB-LATE',
      'retail.store.id': 'S07',
      'retail.fulfilment': 'pickup',
      'retail.amount': '89.90',
      'retail.currency': 'EUR',
    }
    const onTime = { 'retail.order.id': 'WEB-READY', 'retail.store.id': 'S07', 'retail.fulfilment': 'pickup' }
    const shipped = { 'retail.order.id': 'WEB-SHIP', 'retail.fulfilment': 'ship' }
    const reserved = stage('order.inventory_reserved', 3 * HOUR, late)
    await insert('sla', [
      stage('order.placed', 3 * HOUR + MINUTE, late),
      reserved,
      stage('order.inventory_reserved', 3 * HOUR, onTime),
      stage('order.ready_for_pickup', 2 * HOUR, onTime),
      stage('order.inventory_reserved', 3 * HOUR, shipped),
      stage('order.shipped', HOUR, shipped),
      stage('order.inventory_reserved', 30 * MINUTE, { ...late, 'retail.order.id': 'WEB-YOUNG' }),
    ])
    const found = await observe('sla', {
      name: 'pickup',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '2h',
      group_by: ['store'],
      where: { 'retail.fulfilment': 'pickup' },
    })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      group: { 'retail.store.id': 'S07' },
      value: 1,
      impact: {
        count: 1,
        unit: 'orders',
        amount: 89.9,
        currency: 'EUR',
        stores: ['S07'],
        journeys: [{ type: 'order', key: 'WEB-LATE' }],
        traces: [reserved.traceId],
      },
    })
  })

  it('link the order ids a latency rule found to their journeys: a store sale under sale, an online order under order', async () => {
    const slow = (name: string, order: string, store: string): SpanRecord =>
      spanRecord({
        name,
        durationMs: 3000,
        agoMs: MINUTE,
        resource: { 'service.name': 'erp-gateway' },
        attributes: { 'retail.order.id': order, 'retail.store.id': store },
      })
    await insert('links', [
      slow('erp.post_store_sale', 'POS-L1', 'S05'),
      stage('sale.erp_posted', MINUTE, { 'retail.order.id': 'POS-L1', 'retail.store.id': 'S05' }, 'erp-gateway'),
      slow('erp.post_invoice', 'WEB-L1', 'S05'),
      stage('order.invoiced', MINUTE, { 'retail.order.id': 'WEB-L1' }, 'erp-gateway'),
      // No stage at all: the rule's own journey type, as before.
      slow('erp.post_invoice', 'WEB-L2', 'S05'),
    ])
    const found = await observe('links', { name: 'erp-slow', type: 'latency', service: 'erp-gateway', threshold_ms: 1000 })
    expect(found).toHaveLength(1)
    expect([...found[0]!.impact.journeys].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { type: 'sale', key: 'POS-L1' },
      { type: 'order', key: 'WEB-L1' },
      { type: 'order', key: 'WEB-L2' },
    ])
  })

  it('count POS and ERP on-hand that disagree beyond the tolerance for longer than `for`, not a sale still in flight', async () => {
    await insert('stock', [
      // A booking error: the ERP has had 7 more units than the tills for half an hour.
      reading('pos', 40 * MINUTE, 'SKU-1', 'S03', 12),
      reading('erp', 39 * MINUTE, 'SKU-1', 'S03', 19),
      reading('pos', 5 * MINUTE, 'SKU-1', 'S03', 11),
      reading('erp', 4 * MINUTE, 'SKU-1', 'S03', 18),
      // Propagation lag: the till sold 3 a minute ago and the ERP has not posted it yet.
      reading('pos', 40 * MINUTE, 'SKU-2', 'S03', 20),
      reading('erp', 39 * MINUTE, 'SKU-2', 'S03', 20),
      reading('pos', MINUTE, 'SKU-2', 'S03', 17),
      // Within the tolerance.
      reading('pos', 40 * MINUTE, 'SKU-3', 'S04', 5),
      reading('erp', 39 * MINUTE, 'SKU-3', 'S04', 7),
    ])
    const found = await observe('stock', { name: 'drift', type: 'inventory_mismatch', tolerance: 2, for: '10m', group_by: ['store'] })
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      group: { 'retail.store.id': 'S03' },
      value: 1,
      impact: { unit: 'SKU and location pairs', stores: ['S03'], details: { units_apart: '7', skus: '1' } },
    })
    expect(found[0]!.impact.details.pairs).toMatch(/^SKU-1 at S03: (pos 11, erp 18|erp 18, pos 11)$/)
  })

  it('measure the percentile latency of one span name per store, and the orders its slow spans hold', async () => {
    const erp = (durationMs: number, order: string, store: string): SpanRecord =>
      spanRecord({
        name: 'erp.post_invoice',
        durationMs,
        agoMs: MINUTE,
        resource: { 'service.name': 'erp-gateway' },
        attributes: { 'retail.order.id': order, 'retail.store.id': store },
      })
    await insert('latency', [
      erp(3500, 'WEB-1', 'S01'),
      erp(4000, 'WEB-2', 'S01'),
      erp(120, 'WEB-3', 'S02'),
      spanRecord({ name: 'erp.create_sales_order', durationMs: 9000, resource: { 'service.name': 'erp-gateway' } }),
    ])
    const found = await observe('latency', {
      name: 'lat',
      type: 'latency',
      service: 'erp-gateway',
      span: 'erp.post_invoice',
      threshold_ms: 2000,
      group_by: ['store'],
    })
    const byStore: Record<string, (typeof found)[number]> = Object.fromEntries(found.map((o) => [o.group['retail.store.id'], o]))
    expect(byStore.S01!.value).toBeGreaterThan(3500)
    expect(byStore.S01!.impact).toMatchObject({ count: 2, unit: 'orders', stores: ['S01'] })
    expect(byStore.S01!.impact.journeys.map((j) => j.key).sort()).toEqual(['WEB-1', 'WEB-2'])
    expect(byStore.S02).toMatchObject({ value: 120, impact: { count: 0 } })
  })

  it('count unposted settlements and store sales stuck between two stages, per tenant', async () => {
    await insert('finance', [
      stage(
        'settlement.batched',
        30 * HOUR,
        { 'retail.settlement.id': 'SET-1', 'retail.amount': '1500.25', 'retail.currency': 'EUR' },
        'payment',
      ),
      stage(
        'settlement.batched',
        30 * HOUR,
        { 'retail.settlement.id': 'SET-2', 'retail.amount': '99', 'retail.currency': 'EUR' },
        'payment',
      ),
      stage('settlement.erp_posted', 29 * HOUR, { 'retail.settlement.id': 'SET-2' }, 'erp-gateway'),
      stage('sale.published', MINUTE, { 'retail.order.id': 'POS-1', 'retail.store.id': 'S09' }, 'store-pos'),
      stage('sale.published', MINUTE, { 'retail.order.id': 'POS-2', 'retail.store.id': 'S09' }, 'store-pos'),
      stage('sale.erp_posted', 30_000, { 'retail.order.id': 'POS-2', 'retail.store.id': 'S09' }, 'erp-gateway'),
    ])
    await insert('other-tenant', [stage('sale.published', MINUTE, { 'retail.order.id': 'POS-9', 'retail.store.id': 'S09' }, 'store-pos')])
    const settlements = await observe('finance', { name: 'set', type: 'settlement_unposted', older_than: '24h' })
    expect(settlements).toEqual([
      expect.objectContaining({
        value: 1,
        impact: expect.objectContaining({
          count: 1,
          unit: 'settlements',
          amount: 1500.25,
          currency: 'EUR',
          journeys: [{ type: 'settlement', key: 'SET-1' }],
        }),
      }),
    ])
    const backlog = await observe('finance', {
      name: 'bl',
      type: 'backlog',
      from_stage: 'sale.published',
      to_stage: 'sale.erp_posted',
      max_pending: 0,
      group_by: ['store'],
    })
    expect(backlog).toEqual([
      expect.objectContaining({
        group: { 'retail.store.id': 'S09' },
        value: 1,
        impact: expect.objectContaining({ journeys: [{ type: 'sale', key: 'POS-1' }] }),
      }),
    ])
  })

  it('find the orders the ERP created twice, with the amount at risk, and not a retry it deduplicated', async () => {
    const created = (order: string, document: string, agoMs: number, channel: string) =>
      stage(
        'order.erp_created',
        agoMs,
        {
          'retail.order.id': order,
          'retail.erp.document.id': document,
          'retail.amount': '80',
          'retail.currency': 'EUR',
          'retail.channel': channel,
        },
        'erp-gateway',
      )
    await insert('duplicates', [
      created('WEB-D1', 'SO-1', 10 * MINUTE, 'web'),
      created('WEB-D1', 'SO-2', 9 * MINUTE, 'web'),
      created('WEB-D1', 'SO-3', 8 * MINUTE, 'web'),
      created('APP-D2', 'SO-4', 7 * MINUTE, 'app'),
      created('APP-D2', 'SO-4', 6 * MINUTE, 'app'),
      created('WEB-OLD', 'SO-5', 30 * HOUR, 'web'),
      created('WEB-OLD', 'SO-6', 29 * HOUR, 'web'),
    ])
    const duplicates = await observe('duplicates', { name: 'dup', type: 'duplicate', journey: 'order', group_by: ['channel'] })
    expect(duplicates).toEqual([
      expect.objectContaining({
        group: { 'retail.channel': 'web' },
        value: 1,
        impact: expect.objectContaining({
          count: 1,
          unit: 'orders',
          amount: 160,
          currency: 'EUR',
          journeys: [{ type: 'order', key: 'WEB-D1' }],
        }),
      }),
    ])
    const [rule] = alertsSectionSchema.parse({ rules: [{ name: 'dup', type: 'duplicate', journey: 'order', group_by: ['channel'] }] }).rules
    expect(summarise(rule!, duplicates[0]!)).toBe(
      '1 order journey reached order.erp_created more than once in 1d (channel web): 1 order, 160.00 EUR',
    )
  })

  it('count dead letters left without a replay past the threshold, per store, and not one replayed or too young', async () => {
    const erp = { 'service.name': 'erp-gateway', 'retail.system': 'erp' }
    const send = (order: string, agoMs: number) =>
      spanRecord({ kind: 'producer', name: 'send sales-orders', agoMs, attributes: { 'retail.order.id': order } })
    const dead = (producer: SpanRecord, agoMs: number, store: string) =>
      spanRecord({
        kind: 'consumer',
        name: 'process sales-orders',
        resource: erp,
        agoMs,
        links: [{ traceId: producer.traceId, spanId: producer.spanId, traceState: '', attributes: {} }],
        statusCode: 'error',
        attributes: {
          'retail.order.id': producer.attributes['retail.order.id'] ?? '',
          'retail.store.id': store,
          'messaging.destination.name': 'sales-orders',
          'retail.dead_letter': 'true',
        },
      })
    const [left, replayedOne, young] = [send('WEB-L1', 50 * MINUTE), send('WEB-R1', 50 * MINUTE), send('WEB-Y1', 5 * MINUTE)]
    await insert('dead-letters', [
      left,
      dead(left, 45 * MINUTE, 'S01'),
      replayedOne,
      dead(replayedOne, 45 * MINUTE, 'S01'),
      spanRecord({
        kind: 'producer',
        name: 'send sales-orders',
        agoMs: 20 * MINUTE,
        attributes: { 'retail.replay.of': `${replayedOne.traceId}-${replayedOne.spanId}` },
      }),
      young,
      dead(young, 4 * MINUTE, 'S02'),
    ])
    const entry = { name: 'dlq', type: 'dead_letter_unreplayed', older_than: '30m', destination: 'sales-orders', group_by: ['store'] }
    const waiting = await observe('dead-letters', entry)
    expect(waiting).toEqual([
      expect.objectContaining({
        group: { 'retail.store.id': 'S01' },
        value: 1,
        impact: expect.objectContaining({ count: 1, journeys: [{ type: 'order', key: 'WEB-L1' }] }),
      }),
    ])
    const [rule] = alertsSectionSchema.parse({ rules: [entry] }).rules
    expect(summarise(rule!, waiting[0]!)).toBe(
      '1 dead letter on sales-orders waiting for a replay for more than 30m (store S01): 1 order, store S01',
    )
    expect(await observe('dead-letters', { ...entry, destination: 'store-sales' })).toEqual([])
  })

  it('measures the wait in the queue per hop, from the send to the start of processing, for messages linked or parented to their send', async () => {
    const pos = { 'service.name': 'pos-gateway', 'retail.system': 'pos' }
    const erp = { 'service.name': 'erp-gateway', 'retail.system': 'erp' }
    const queue = { 'messaging.destination.name': 'erp.orders' }
    const message = (orderId: string, sentAgoMs: number, waitMs: number, linked: boolean): SpanRecord[] => {
      const send = spanRecord({
        kind: 'producer',
        name: 'publish erp.orders',
        resource: pos,
        agoMs: sentAgoMs,
        durationMs: 2,
        attributes: { ...queue, 'retail.order.id': orderId, 'retail.store.id': 'store-7' },
      })
      const ref = { traceId: send.traceId, spanId: send.spanId, traceState: '', attributes: {} }
      const process = spanRecord({
        kind: 'consumer',
        name: 'process erp.orders',
        resource: erp,
        agoMs: sentAgoMs - waitMs,
        durationMs: 20,
        attributes: { ...queue, 'retail.order.id': orderId, 'retail.store.id': 'store-7' },
        ...(linked ? { links: [ref] } : { traceId: send.traceId, parentSpanId: send.spanId }),
      })
      return [send, process]
    }
    // Three messages on the hop: two waited 40 s (one linked, one a child), one a second.
    await insert('queues', [
      ...message('WEB-Q1', 90_000, 40_000, true),
      ...message('WEB-Q2', 80_000, 40_000, false),
      ...message('WEB-Q3', 60_000, 1_000, false),
    ])
    const rule = {
      name: 'erp-orders-wait',
      type: 'queue_delay',
      destination: 'erp.orders',
      from: 'pos-gateway',
      to: 'erp-gateway',
      percentile: 50,
      threshold_ms: 10_000,
      group_by: ['store'],
    }
    const [observation] = await observe('queues', rule)
    expect(observation!.group).toEqual({ 'retail.store.id': 'store-7' })
    expect(observation!.value).toBeCloseTo(40_000, -2)
    expect(observation!.impact).toMatchObject({
      count: 2,
      unit: 'orders',
      stores: ['store-7'],
      details: { messages: '3', late_messages: '2' },
    })
    expect(observation!.impact.journeys.map((journey) => journey.key).sort()).toEqual(['WEB-Q1', 'WEB-Q2'])
    // Another destination has no messages: nothing to say.
    expect(await observe('queues', { ...rule, name: 'other-queue', destination: 'erp.returns' })).toEqual([])
  })
})
