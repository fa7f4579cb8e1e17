/**
 * Journeys end to end: spans sent by OpenTelemetry's own OTLP exporter from several services into
 * the platform started as `npm start` starts it, then each answer of the journey API checked
 * stage by stage. Spans carry explicit times in the past, so SLAs are crossed without waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { SpanKind, SpanStatusCode, context, trace, type Attributes, type Link, type Span } from '@opentelemetry/api'
import type {
  JourneyListResponse,
  JourneyResponse,
  JourneyStageView,
  PromotionPropagationResponse,
  SettlementPostingResponse,
  StoreSalesBacklogResponse,
} from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'

const MIN = 60_000
const HOUR = 60 * MIN
const NOW = Date.now()
let platform: PlatformProcess
const providers = new Map<string, BasicTracerProvider>()

interface SpanOptions {
  readonly parent?: Span
  readonly kind?: SpanKind
  readonly attributes?: Attributes
  readonly links?: Link[]
  readonly error?: string
}

/** Ends a span of `service` (in system `system`) that started `agoMs` before NOW. */
function emit(service: string, system: string, name: string, agoMs: number, options: SpanOptions = {}): Span {
  let provider = providers.get(service)
  if (!provider) {
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'retail.system': system }),
      spanProcessors: [
        new SimpleSpanProcessor(
          new OTLPTraceExporter({ url: `${platform.otlpUrl}/v1/traces`, headers: { authorization: `Bearer ${platform.ingestKey}` } }),
        ),
      ],
    })
    providers.set(service, provider)
  }
  const parent = options.parent ? trace.setSpan(context.active(), options.parent) : context.active()
  const span = provider.getTracer('e2e').startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      startTime: new Date(NOW - agoMs),
      attributes: options.attributes ?? {},
      links: options.links ?? [],
    },
    parent,
  )
  if (options.error) span.setStatus({ code: SpanStatusCode.ERROR, message: options.error })
  span.end(new Date(NOW - agoMs + 20))
  return span
}

const linkTo = (span: Span): Link[] => [{ context: span.spanContext() }]

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  return { status: response.status, body: (await response.json()) as T }
}

async function journey(type: string, key: string): Promise<JourneyResponse> {
  const answer = await api<JourneyResponse>(`/api/journeys/${type}/${encodeURIComponent(key)}`)
  expect(answer.status).toBe(200)
  return answer.body
}

function stages(answer: JourneyResponse): Record<string, JourneyStageView> {
  return Object.fromEntries(answer.stages.map((stage) => [stage.name, stage]))
}

const ORDER = { 'retail.order.id': 'E2E-ORD-1', 'retail.channel': 'web', 'retail.region': 'west', 'retail.store.id': 'store-042' }
const at = (agoMs: number): string => new Date(NOW - agoMs).toISOString()
const trail: Record<string, Span> = {}

/** A buy-online-pick-up-in-store order with two queue hops, its partial return and its settlement. */
function sendOrderJourneys(): void {
  const placed = emit('storefront', 'ecommerce', 'checkout.place_order', 3 * HOUR, {
    kind: SpanKind.SERVER,
    attributes: { ...ORDER, 'retail.journey.stage': 'order.placed' },
  })
  emit('payment-service', 'payment', 'payment.authorize', 3 * HOUR - 2 * MIN, {
    parent: placed,
    attributes: { ...ORDER, 'retail.payment.id': 'PAY-E2E-1', 'retail.journey.stage': 'order.payment_authorized' },
  })
  const reserve = emit('order-management', 'oms', 'inventory-reservations publish', 3 * HOUR - 3 * MIN, {
    parent: placed,
    kind: SpanKind.PRODUCER,
    attributes: ORDER,
  })
  // Hop 1: a warehouse system that passes no keys on; only the span link ties it to the order.
  trail.reserved = emit('warehouse-legacy', 'wms', 'inventory-reservations process', 3 * HOUR - 8 * MIN, {
    kind: SpanKind.CONSUMER,
    links: linkTo(reserve),
    attributes: { 'retail.journey.stage': 'order.inventory_reserved' },
  })
  const release = emit('warehouse-legacy', 'wms', 'sales-orders publish', 3 * HOUR - 9 * MIN, {
    parent: trail.reserved,
    kind: SpanKind.PRODUCER,
  })
  // Hop 2: the ERP gateway consumes the sales order in a trace of its own.
  trail.erpCreated = emit('erp-gateway', 'erp', 'sales-orders process', 3 * HOUR - 20 * MIN, {
    kind: SpanKind.CONSUMER,
    links: linkTo(release),
    attributes: { ...ORDER, 'retail.erp.document.id': 'SO-E2E-1', 'retail.journey.stage': 'order.erp_created' },
  })
  emit('store-pos', 'pos', 'pos.stage_pickup', 2 * HOUR, { attributes: { ...ORDER, 'retail.journey.stage': 'order.ready_for_pickup' } })
  const pickedUp = emit('store-pos', 'pos', 'pos.hand_over_pickup', 90 * MIN, {
    attributes: { ...ORDER, 'retail.journey.stage': 'order.picked_up' },
  })
  emit('erp-gateway', 'erp', 'erp.post_invoice', 90 * MIN - 5 * MIN, {
    parent: pickedUp,
    attributes: {
      ...ORDER,
      'retail.payment.id': 'PAY-E2E-1',
      'retail.erp.document.id': 'INV-E2E-1',
      'retail.journey.stage': 'order.invoiced',
    },
  })

  const RETURN = { 'retail.return.id': 'RET-E2E-1' }
  emit('storefront', 'ecommerce', 'account.request_return', HOUR, {
    attributes: { ...RETURN, 'retail.order.id': 'E2E-ORD-1', 'retail.sku': 'SKU-1', 'retail.journey.stage': 'return.initiated' },
  })
  emit('warehouse-management', 'wms', 'wms.receive_return', 50 * MIN, {
    attributes: { ...RETURN, 'retail.sku': 'SKU-1', 'retail.journey.stage': 'return.received' },
  })
  const refund = emit('order-management', 'oms', 'oms.request_refund', 45 * MIN, {
    attributes: { ...RETURN, 'retail.payment.id': 'PAY-E2E-1' },
  })
  // The payment system knows the return and the payment only, never the order.
  trail.refunded = emit('payment-service', 'payment', 'payment.refund', 45 * MIN - 1000, {
    parent: refund,
    attributes: { ...RETURN, 'retail.payment.id': 'PAY-E2E-1', 'retail.amount': 19.9, 'retail.journey.stage': 'return.refunded' },
  })

  const SETTLEMENT = { 'retail.settlement.id': 'SET-E2E-1' }
  const batch = emit('payment-service', 'payment', 'payment.cut_settlement_batch', 40 * MIN, { attributes: SETTLEMENT })
  emit('payment-service', 'payment', 'settlement.capture', 40 * MIN - 100, {
    parent: batch,
    attributes: { ...SETTLEMENT, 'retail.payment.id': 'PAY-E2E-1', 'retail.amount': 59.9, 'retail.journey.stage': 'settlement.captured' },
  })
  emit('payment-service', 'payment', 'settlement.capture', 40 * MIN - 200, {
    parent: batch,
    attributes: {
      ...SETTLEMENT,
      'retail.payment.id': 'PAY-E2E-OTHER',
      'retail.amount': 40.1,
      'retail.journey.stage': 'settlement.captured',
    },
  })
  emit('payment-service', 'payment', 'settlement.batch', 40 * MIN - 300, {
    parent: batch,
    attributes: { ...SETTLEMENT, 'retail.amount': 100, 'retail.currency': 'EUR', 'retail.journey.stage': 'settlement.batched' },
  })
  const publish = emit('payment-service', 'payment', 'settlements publish', 40 * MIN - 400, {
    parent: batch,
    kind: SpanKind.PRODUCER,
    attributes: SETTLEMENT,
  })
  trail.posted = emit('erp-gateway', 'erp', 'settlements process', 30 * MIN, {
    kind: SpanKind.CONSUMER,
    links: linkTo(publish),
    attributes: { ...SETTLEMENT, 'retail.erp.document.id': 'JE-E2E-1', 'retail.journey.stage': 'settlement.erp_posted' },
  })
}

const STORES = Array.from({ length: 10 }, (_, i) => `store-${String(i + 1).padStart(3, '0')}`)

/** A promotion published to ten stores, live in nine of them. */
function sendPromotion(): void {
  const PROMO = { 'retail.promotion.id': 'PROMO-E2E-1' }
  const published = emit('merchandising', 'merchandising', 'merch.publish_promotion', 4 * HOUR, {
    attributes: { ...PROMO, 'retail.journey.stage': 'promotion.published' },
  })
  emit('storefront', 'ecommerce', 'catalog.activate_promotion', 4 * HOUR - MIN, {
    parent: published,
    attributes: { ...PROMO, 'retail.journey.stage': 'promotion.ecommerce_live' },
  })
  STORES.forEach((store, i) => {
    const update = emit('merchandising', 'merchandising', 'price-updates publish', 4 * HOUR - 1000, {
      parent: published,
      kind: SpanKind.PRODUCER,
      attributes: { ...PROMO, 'retail.store.id': store },
    })
    if (i < 9)
      emit('store-pos', 'pos', 'price-updates process', 4 * HOUR - (i + 2) * MIN, {
        kind: SpanKind.CONSUMER,
        links: linkTo(update),
        attributes: { ...PROMO, 'retail.store.id': store, 'retail.journey.stage': 'promotion.store_live' },
      })
  })
}

/** Store A posts its first three sales, then stops; store B posts its one. */
function sendStoreSales(): void {
  const sale = (store: string, id: string, agoMs: number, posted: boolean): void => {
    const keys = { 'retail.order.id': id, 'retail.store.id': store, 'retail.channel': 'pos', 'retail.region': 'west' }
    const checkout = emit('store-pos', 'pos', 'pos.checkout', agoMs, { attributes: { ...keys, 'retail.journey.stage': 'sale.completed' } })
    const published = emit('store-pos', 'pos', 'store-sales publish', agoMs - 1000, {
      parent: checkout,
      kind: SpanKind.PRODUCER,
      attributes: { ...keys, 'retail.journey.stage': 'sale.published' },
    })
    if (posted)
      emit('erp-gateway', 'erp', 'store-sales process', agoMs - 2 * MIN, {
        kind: SpanKind.CONSUMER,
        links: linkTo(published),
        attributes: { ...keys, 'retail.journey.stage': 'sale.erp_posted' },
      })
  }
  for (let n = 1; n <= 3; n++) sale('store-A', `POS-A-${n}`, 5 * HOUR - n * MIN, true)
  for (let n = 4; n <= 6; n++) sale('store-A', `POS-A-${n}`, 3 * HOUR - n * MIN, false)
  sale('store-B', 'POS-B-1', 3 * HOUR, true)
}

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
  sendOrderJourneys()
  sendPromotion()
  sendStoreSales()
  // A 200 from the receiver means the spans are stored, so once every export is flushed they can be read.
  await Promise.all([...providers.values()].map((provider) => provider.forceFlush()))
  await Promise.all([...providers.values()].map((provider) => provider.shutdown()))
})

afterAll(async () => {
  expect(await platform.stop()).toBe(0)
})

describe('journeys end to end', () => {
  it('follows a pick-up-in-store order across two queue hops, stage by stage', async () => {
    const order = await journey('order', 'E2E-ORD-1')
    expect(order).toMatchObject({
      status: 'complete',
      late: false,
      branch: 'pickup',
      currentStage: 'order.invoiced',
      currentSystem: 'erp',
      startedAt: at(3 * HOUR),
    })
    const s = stages(order)
    expect(s['order.placed']).toMatchObject({
      state: 'reached',
      at: at(3 * HOUR),
      ref: { system: 'ecommerce', service: 'storefront', span: 'checkout.place_order' },
    })
    expect(s['order.payment_authorized']).toMatchObject({
      state: 'reached',
      previous: 'order.placed',
      afterPreviousMs: 2 * MIN,
      ref: { system: 'payment' },
    })
    expect(s['order.inventory_reserved']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 6 * MIN,
      ref: { system: 'wms', traceId: trail.reserved!.spanContext().traceId },
    })
    expect(s['order.erp_created']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 12 * MIN,
      ref: { system: 'erp', spanId: trail.erpCreated!.spanContext().spanId },
    })
    expect(s['order.shipped']).toMatchObject({ state: 'not_taken', reached: false, missing: false })
    expect(s['order.ready_for_pickup']).toMatchObject({
      state: 'reached',
      previous: 'order.erp_created',
      afterPreviousMs: 40 * MIN,
      ref: { system: 'pos' },
    })
    expect(s['order.picked_up']).toMatchObject({ state: 'reached', afterPreviousMs: 30 * MIN })
    expect(s['order.invoiced']).toMatchObject({
      state: 'reached',
      previous: 'order.picked_up',
      afterPreviousMs: 5 * MIN,
      ref: { system: 'erp', span: 'erp.post_invoice' },
    })
    const viaLink = order.traces.filter((t) => t.via === 'link').map((t) => t.traceId)
    expect(viaLink).toContain(trail.reserved!.spanContext().traceId)
  })

  it("stitches the order's payment, return, settlement and ERP documents, with the linked journeys' status", async () => {
    const order = await journey('order', 'E2E-ORD-1')
    const linked = Object.fromEntries(order.linkedKeys.map((k) => [k.value, k]))
    expect(Object.keys(linked).sort()).toEqual(['INV-E2E-1', 'JE-E2E-1', 'PAY-E2E-1', 'RET-E2E-1', 'SET-E2E-1', 'SO-E2E-1'])
    expect(linked['SET-E2E-1']).toMatchObject({
      key: 'retail.settlement.id',
      depth: 2,
      via: { key: 'retail.payment.id', value: 'PAY-E2E-1' },
    })
    expect(order.linkedJourneys).toEqual(
      expect.arrayContaining([
        { type: 'return', key: 'RET-E2E-1', status: 'in_progress', currentStage: 'return.refunded', stagesReached: 3, stageCount: 5 },
        {
          type: 'settlement',
          key: 'SET-E2E-1',
          status: 'in_progress',
          currentStage: 'settlement.erp_posted',
          stagesReached: 3,
          stageCount: 4,
        },
      ]),
    )
    expect(order.skippedKeys).toEqual([])
    expect(JSON.stringify(order)).not.toContain('PAY-E2E-OTHER')
    const timeline = order.timeline.map((entry) => `${entry.journey.type}:${entry.stage ?? entry.kind}`)
    expect(timeline.indexOf('order:order.invoiced')).toBeLessThan(timeline.indexOf('return:return.initiated'))
    expect(timeline).toContain('settlement:settlement.erp_posted')
  })

  it('finds the partial return refunded by the payment system, which knew only the return and payment ids', async () => {
    const answer = await journey('return', 'RET-E2E-1')
    expect(answer).toMatchObject({ status: 'in_progress', currentStage: 'return.refunded', currentSystem: 'payment' })
    const s = stages(answer)
    expect(s['return.initiated']).toMatchObject({ state: 'reached', ref: { system: 'ecommerce' } })
    expect(s['return.received']).toMatchObject({ state: 'reached', afterPreviousMs: 10 * MIN, ref: { system: 'wms' } })
    expect(s['return.refunded']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 5 * MIN + 1000,
      ref: { system: 'payment', spanId: trail.refunded!.spanContext().spanId },
    })
    expect(s['return.inspected']).toMatchObject({
      state: 'pending',
      reached: false,
      missing: false,
      dueAt: new Date(NOW - 45 * MIN + 1000 + 2 * 24 * HOUR).toISOString(),
    })
    expect(answer.linkedJourneys).toEqual([expect.objectContaining({ type: 'order', key: 'E2E-ORD-1', status: 'complete' })])
  })

  it('shows the settlement posted to the ERP and waiting to be reconciled', async () => {
    const answer = await journey('settlement', 'SET-E2E-1')
    expect(answer).toMatchObject({ status: 'in_progress', currentStage: 'settlement.erp_posted', currentSystem: 'erp' })
    const s = stages(answer)
    expect(s['settlement.captured']).toMatchObject({ state: 'reached', attempts: 2 })
    expect(s['settlement.batched']).toMatchObject({ state: 'reached', ref: { system: 'payment' } })
    expect(s['settlement.erp_posted']).toMatchObject({
      state: 'reached',
      afterPreviousMs: 10 * MIN - 300,
      ref: { spanId: trail.posted!.spanContext().spanId },
    })
    expect(s['settlement.reconciled']).toMatchObject({ state: 'pending' })
    const posting = await api<SettlementPostingResponse>('/api/journeys/stats/settlements')
    expect(posting.body.statuses).toEqual([expect.objectContaining({ status: 'posted', currency: 'EUR', count: 1, amount: 100 })])
  })

  it('shows a promotion live in 9 of its 10 stores as stalled, naming the store it never reached', async () => {
    const answer = await journey('promotion', 'PROMO-E2E-1')
    expect(answer.status).toBe('stalled')
    const s = stages(answer)
    expect(s['promotion.published']).toMatchObject({ state: 'reached', ref: { system: 'merchandising' } })
    expect(s['promotion.ecommerce_live']).toMatchObject({ state: 'reached', afterPreviousMs: MIN })
    expect(s['promotion.store_live']).toMatchObject({
      state: 'overdue',
      reached: false,
      missing: true,
      stores: { expected: 10, missing: ['store-010'] },
    })
    expect(s['promotion.store_live']!.stores!.reached.map((hit) => hit.store)).toEqual(STORES.slice(0, 9))
    // Due an hour after the stores were: their SLAs add up, so it is overdue too.
    expect(s['promotion.erp_synced']).toMatchObject({ state: 'overdue', reached: false, dueAt: at(4 * HOUR - 3 * HOUR) })
    const propagation = await api<PromotionPropagationResponse>('/api/journeys/stats/promotions')
    expect(propagation.body.promotions).toEqual([
      expect.objectContaining({
        promotionId: 'PROMO-E2E-1',
        storesTargeted: 10,
        storesLive: 9,
        missingStores: ['store-010'],
        publishedAt: at(4 * HOUR),
      }),
    ])
    expect(propagation.body.stores.find((row) => row.store === 'store-010')).toMatchObject({ promotionsLive: 0, promotionsMissing: 1 })
  })

  it('shows the store whose sales stopped posting: its backlog, and each unposted sale stalled', async () => {
    const backlog = await api<StoreSalesBacklogResponse>('/api/journeys/stats/store-sales')
    expect(backlog.body.stores).toEqual([
      expect.objectContaining({ store: 'store-A', published: 6, posted: 3, backlog: 3, oldestUnpostedAt: at(3 * HOUR - 4 * MIN - 1000) }),
      expect.objectContaining({ store: 'store-B', published: 1, posted: 1, backlog: 0 }),
    ])
    const stalled = await api<JourneyListResponse>('/api/journeys?type=sale&status=stalled&store=store-A&sort=oldest')
    expect(stalled.body).toMatchObject({ type: 'sale', total: 3 })
    expect(stalled.body.journeys.map((j) => [j.key, j.currentStage, j.currentSystem, j.channel])).toEqual([
      ['POS-A-4', 'sale.published', 'pos', 'pos'],
      ['POS-A-5', 'sale.published', 'pos', 'pos'],
      ['POS-A-6', 'sale.published', 'pos', 'pos'],
    ])
    const unposted = stages(await journey('sale', 'POS-A-4'))
    expect(unposted['sale.erp_posted']).toMatchObject({ state: 'overdue', missing: true })
    expect(stages(await journey('sale', 'POS-A-1'))['sale.erp_posted']).toMatchObject({ state: 'reached', ref: { system: 'erp' } })
  })

  it('lists journeys by type and status, and counts them', async () => {
    const orders = await api<JourneyListResponse>('/api/journeys?type=order&channel=web')
    // The list reads stages whose spans carry the order id; the keyless warehouse hop is found by a lookup only.
    expect(orders.body.journeys).toEqual([
      expect.objectContaining({
        key: 'E2E-ORD-1',
        status: 'complete',
        store: 'store-042',
        region: 'west',
        stagesReached: 6,
        stageCount: 8,
      }),
    ])
    const all = await api<JourneyListResponse>('/api/journeys?limit=3&sort=newest')
    expect(all.body).toMatchObject({ type: '', total: 11, limit: 3 })
    expect(all.body.journeys.map((j) => [j.type, j.key])).toEqual([
      ['settlement', 'SET-E2E-1'],
      ['return', 'RET-E2E-1'],
      ['sale', 'POS-A-6'],
    ])
    const counts = await api<{ types: { type: string; counts: Record<string, number> }[] }>('/api/journeys/stats/status')
    expect(Object.fromEntries(counts.body.types.map((t) => [t.type, t.counts]))).toMatchObject({
      sale: { stalled: 3, complete: 4 },
      promotion: { stalled: 1 },
      order: { complete: 1 },
      return: { in_progress: 1 },
      settlement: { in_progress: 1 },
    })
  })

  it('answers 400 for an unknown type or filter and 404 for an unknown journey', async () => {
    expect(await api('/api/journeys/parcel/X-1')).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', message: expect.stringContaining("unknown journey type 'parcel'") } },
    })
    expect(await api('/api/journeys/order/NO-SUCH-ORDER')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'no order journey NO-SUCH-ORDER' } },
    })
    expect((await api('/api/journeys?type=order&status=lost')).status).toBe(400)
    expect((await api('/api/journeys?type=order&from=yesterday')).status).toBe(400)
  })

  it('describes the journey routes with the journey types in force', async () => {
    type Parameter = { name: string; in: string; schema: { enum?: string[] } }
    const openapi = (await (await fetch(`${platform.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: Parameter[] } }>
    }
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/journeys', '/api/journeys/types', '/api/journeys/{type}/{key}', '/api/journeys/stats/store-sales']),
    )
    const inForce = (await api<{ types: { type: string }[] }>('/api/journeys/types')).body.types.map((t) => t.type)
    const typeParameter = (path: string, where: string) =>
      openapi.paths[path]!.get.parameters.find((p) => p.name === 'type' && p.in === where)?.schema.enum
    expect(typeParameter('/api/journeys/{type}/{key}', 'path')).toEqual(inForce)
    expect(typeParameter('/api/journeys', 'query')).toEqual(inForce)
  })
})
