import { Hono } from 'hono'
import { beforeAll, describe, expect, it } from 'vitest'
import type { EstateHopsResponse, EstateLatencyResponse, SpanRecord } from '../core/index.ts'
import { keyRecogniser, createSpanStore } from '../spans/index.ts'
import { createEstateStore, type EstateStore } from './estate-store.ts'
import { estateRoutes } from './api/estate-routes.ts'
import { errorHandler } from '../api/index.ts'
import type { ApiVariables } from '../api/index.ts'
import { spanRecord } from '../test/fixtures/spans.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { SILENT_LOG } from '../telemetry/index.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('estate', target)
let estate: EstateStore
const filter = () => ({ tenant: 'acme', from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) })
const service = (name: string, system: string) => ({ 'service.name': name, 'retail.system': system })
const oms = service('order-management', 'oms')
const wms = service('warehouse-management', 'wms')

// An order placed through the storefront's call to the OMS, and the OMS's message to the WMS,
// delivered three times: a failure, a retry that failed again, and a dead letter.
function estateSpans(): SpanRecord[] {
  const keys = { 'retail.order.id': 'WEB-1', 'retail.store.id': 'store-1', 'retail.channel': 'web' }
  const call = spanRecord({
    kind: 'client',
    name: 'POST',
    resource: service('storefront', 'ecommerce'),
    attributes: keys,
    agoMs: 60_000,
    durationMs: 400,
  })
  const accept = spanRecord({
    traceId: call.traceId,
    parentSpanId: call.spanId,
    kind: 'server',
    name: 'POST',
    resource: oms,
    attributes: { ...keys, 'http.target': '/orders?x=1' },
    agoMs: 59_990,
    durationMs: 380,
  })
  const publish = spanRecord({
    traceId: call.traceId,
    parentSpanId: accept.spanId,
    kind: 'producer',
    name: 'reservations publish',
    resource: oms,
    attributes: keys,
    agoMs: 59_900,
    durationMs: 1,
  })
  const link = { traceId: publish.traceId, spanId: publish.spanId, traceState: '', attributes: {} }
  const delivery = (agoMs: number, attributes: Record<string, string>, statusMessage: string): SpanRecord =>
    spanRecord({
      kind: 'consumer',
      name: 'reservations process',
      resource: wms,
      links: [link],
      agoMs,
      durationMs: 50,
      statusCode: 'error',
      statusMessage,
      attributes: { ...keys, 'messaging.destination.name': 'reservations', ...attributes },
    })
  return [
    call,
    accept,
    publish,
    delivery(59_000, {}, 'lock timeout'),
    delivery(58_000, { 'retail.retry.attempt': '1' }, 'lock timeout'),
    delivery(50_000, { 'retail.retry.attempt': '2', 'retail.dead_letter': 'true' }, 'gave up after 3 deliveries'),
    // The POS and the ERP disagree on a SKU's stock at store-1, and have for minutes.
    spanRecord({
      kind: 'internal',
      name: 'sale.completed',
      resource: service('store-pos', 'pos'),
      agoMs: 600_000,
      attributes: { 'retail.sku': 'SKU-9', 'retail.store.id': 'store-1', 'retail.channel': 'pos', 'retail.inventory.on_hand': '10' },
    }),
    spanRecord({
      kind: 'internal',
      name: 'sale.erp_posted',
      resource: service('erp-gateway', 'erp'),
      agoMs: 590_000,
      attributes: { 'retail.sku': 'SKU-9', 'retail.store.id': 'store-1', 'retail.channel': 'pos', 'retail.inventory.on_hand': '13' },
    }),
  ]
}

beforeAll(async () => {
  const spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }))
  await spans.insert('acme', estateSpans(), 'acme-estate')
  await spans.insert('globex', estateSpans(), 'globex-estate')
  estate = createEstateStore(warehouse, target)
})

describe('estate store', () => {
  it("finds the call and the message hop between services, with the tenant's traffic only", async () => {
    const { hops, services } = await estate.hops(filter())
    const call = hops.find((hop) => hop.kind === 'call')
    expect(call).toMatchObject({
      fromService: 'storefront',
      fromSystem: 'ecommerce',
      toService: 'order-management',
      toSystem: 'oms',
      count: 1,
      errors: 0,
      operations: ['/orders'],
    })
    expect(call?.p95Ms).toBeCloseTo(400, 0)
    const message = hops.find((hop) => hop.kind === 'message')
    expect(message).toMatchObject({
      fromService: 'order-management',
      toService: 'warehouse-management',
      count: 3,
      errors: 3,
      retries: 2,
      deadLetters: 1,
      operations: ['reservations'],
    })
    expect(services.map((s) => s.service)).toContain('warehouse-management')
  })

  it('finds a queue hop as kafkajs and amqplib trace it (the consumer a child of the producer, the conventions old and new) and a call by its route, with the queue delay apart', async () => {
    const pos = service('pos-gateway', 'pos')
    const erp = service('erp-gateway', 'erp')
    // kafkajs: "send" and "process" spans, the consumer's parent the producer's span, carried in the message headers.
    const send = spanRecord({
      kind: 'producer',
      name: 'sales-orders send',
      resource: pos,
      agoMs: 30_000,
      durationMs: 5,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination': 'sales-orders' },
    })
    const process = spanRecord({
      traceId: send.traceId,
      parentSpanId: send.spanId,
      kind: 'consumer',
      name: 'sales-orders process',
      resource: erp,
      agoMs: 28_000,
      durationMs: 100,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination': 'sales-orders', 'messaging.operation': 'process' },
    })
    // amqplib on the current conventions.
    const publish = spanRecord({
      kind: 'producer',
      name: 'publish erp.orders',
      resource: pos,
      agoMs: 20_000,
      durationMs: 5,
      attributes: { 'messaging.system': 'rabbitmq', 'messaging.destination.name': 'erp.orders', 'messaging.operation.type': 'send' },
    })
    const consume = spanRecord({
      traceId: publish.traceId,
      parentSpanId: publish.spanId,
      kind: 'consumer',
      name: 'process erp.orders',
      resource: erp,
      agoMs: 16_000,
      durationMs: 100,
      attributes: { 'messaging.system': 'rabbitmq', 'messaging.destination.name': 'erp.orders', 'messaging.operation.type': 'process' },
    })
    // An HTTP call named by its route, as the stock http instrumentation records it.
    const call = spanRecord({ kind: 'client', name: 'POST', resource: pos, agoMs: 10_000, durationMs: 40 })
    const serve = spanRecord({
      traceId: call.traceId,
      parentSpanId: call.spanId,
      kind: 'server',
      name: 'POST /stock/:sku',
      resource: erp,
      agoMs: 9_990,
      durationMs: 30,
      attributes: { 'http.route': '/stock/:sku', 'url.path': '/stock/SKU-1' },
    })
    const spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }))
    await spans.insert('initech', [send, process, publish, consume, call, serve], 'initech-stock-instrumentation')

    const { hops } = await estate.hops({ ...filter(), tenant: 'initech' })
    const message = hops.find((hop) => hop.kind === 'message')
    expect(message).toMatchObject({
      fromService: 'pos-gateway',
      toService: 'erp-gateway',
      count: 2,
      operations: ['erp.orders', 'sales-orders'],
    })
    // Queued 2 s and 4 s; processed 100 ms each.
    expect(message?.queueDelay?.p50Ms).toBeGreaterThanOrEqual(2000)
    expect(message?.queueDelay?.p95Ms).toBeCloseTo(3900, -2)
    expect(message?.p99Ms).toBeCloseTo(4100, -2)
    expect(hops.find((hop) => hop.kind === 'call')).toMatchObject({
      fromService: 'pos-gateway',
      toService: 'erp-gateway',
      operations: ['/stock/:sku'],
    })
    expect(hops.find((hop) => hop.kind === 'call')?.queueDelay).toBeUndefined()
  })

  it('narrows hops to a store on the receiving side', async () => {
    expect((await estate.hops({ ...filter(), store: 'store-1' })).hops).toHaveLength(2)
    expect((await estate.hops({ ...filter(), store: 'store-2' })).hops).toEqual([])
  })

  it('draws latency per service, and per span name within a selected service', async () => {
    const perService = await estate.latency(filter(), 60)
    expect(perService.groupBy).toBe('service')
    const wmsSeries = perService.series.find((s) => s.name === 'warehouse-management')
    expect(wmsSeries?.total).toMatchObject({ count: 3, errors: 3 })
    expect(wmsSeries?.points.reduce((sum, p) => sum + p.count, 0)).toBe(3)
    const perSpan = await estate.latency({ ...filter(), service: 'order-management' }, 60)
    expect(perSpan.series.map((s) => s.name).sort()).toEqual(['POST', 'reservations publish'])
  })

  it('lists failed and slow traces and failed, retried and dead-lettered deliveries with their keys', async () => {
    const slow = await estate.traces(filter(), 'slowest')
    expect(slow.traces[0]).toMatchObject({ rootService: 'storefront', spanCount: 3, keys: [{ key: 'retail.order.id', value: 'WEB-1' }] })
    const failed = await estate.traces(filter(), 'failed')
    expect(failed.traces).toHaveLength(3)
    const messages = await estate.messages(filter())
    expect(messages.counts).toEqual({ failed: 2, retried: 2, deadLettered: 1 })
    expect(messages.messages.map((m) => m.problem)).toEqual(['dead_letter', 'failed', 'failed'])
    expect(messages.messages[0]).toMatchObject({
      destination: 'reservations',
      attempt: 2,
      message: 'gave up after 3 deliveries',
      businessKeys: { 'retail.order.id': 'WEB-1' },
    })
  })

  it('finds stock the POS and the ERP disagree on, per store and channel', async () => {
    const stock = await estate.stock(filter(), { tolerance: 0, settleSeconds: 120 })
    expect(stock.mismatches).toEqual([
      expect.objectContaining({ sku: 'SKU-9', location: 'store-1', store: 'store-1', channel: 'pos', unitsApart: 3 }),
    ])
    expect(stock.mismatches[0]?.readings.map((r) => [r.system, r.onHand])).toEqual([
      ['erp', 13],
      ['pos', 10],
    ])
    expect(stock.byStore).toEqual([{ name: 'store-1', skus: 1, unitsApart: 3 }])
    expect((await estate.stock(filter(), { tolerance: 5, settleSeconds: 120 })).mismatches).toEqual([])
  })

  it('counts the mismatches over time: from two minutes (the settle time) after both systems read, to the window’s end', async () => {
    const window = filter()
    const stock = await estate.stock(window, { tolerance: 0, settleSeconds: 120 })
    expect(stock.stepSeconds).toBe(120)
    expect(stock.overTime.at(-1)).toEqual({ at: window.to.toISOString(), mismatches: 1 })
    // The ERP read 590 s before the spans were made, at most a minute ago: settled 470 s before then.
    const now = Date.now()
    const at = (p: { at: string }) => Date.parse(p.at)
    expect(stock.overTime.filter((p) => at(p) < now - 540_000).map((p) => p.mismatches)).toEqual(
      stock.overTime.filter((p) => at(p) < now - 540_000).map(() => 0),
    )
    expect(stock.overTime.filter((p) => at(p) > now - 470_000).every((p) => p.mismatches === 1)).toBe(true)
    expect(stock.overTime.length).toBeGreaterThanOrEqual(30)
    const tolerant = await estate.stock(window, { tolerance: 5, settleSeconds: 120 })
    expect(tolerant.overTime.every((p) => p.mismatches === 0)).toBe(true)
  })
})

describe('estate routes', () => {
  const app = (): Hono<{ Variables: ApiVariables }> => {
    const root = new Hono<{ Variables: ApiVariables }>()
    root.onError(errorHandler(SILENT_LOG))
    root.use('*', async (c, next) => {
      c.set('tenant', 'acme')
      await next()
    })
    root.route('/api/estate', estateRoutes(estate).app)
    return root
  }

  it("answers the tenant's latency and hops as JSON", async () => {
    const latency = (await (await app().request('/api/estate/latency?step=5m')).json()) as EstateLatencyResponse
    expect(latency.stepSeconds).toBe(300)
    expect(latency.series.length).toBeGreaterThan(0)
    const hops = (await (await app().request('/api/estate/hops?channel=web')).json()) as EstateHopsResponse
    expect(hops).toMatchObject({ channel: 'web' })
    expect(hops.hops).toHaveLength(2)
  })

  it('answers 400 with a clear message for a bad window', async () => {
    const response = await app().request('/api/estate/slow-traces?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'bad_request', message: 'the window from from to to may be 7 days at most' } })
  })
})
