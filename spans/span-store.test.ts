import { beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../storage/index.ts'
import { keyRecogniser } from './business-keys.ts'
import { createSpanStore, type SpanStore } from './span-store.ts'
import { newSpanId, newTraceId, spanRecord } from '../test/fixtures/spans.ts'
import { embeddedWarehouse, MIGRATIONS } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('store', target)
let store: SpanStore

beforeAll(() => {
  store = createSpanStore(warehouse, target, keyRecogniser({ aliases: { orderId: 'retail.order.id' }, extraKeys: [] }))
})

describe('migrations', () => {
  it('apply once and are a no-op the second time', async () => {
    expect(await migrate(warehouse, target, MIGRATIONS)).toEqual([])
    const tables = await warehouse.rows<{ name: string }>({
      text: "SELECT name FROM system.tables WHERE database = 'throughline' ORDER BY name",
      params: {},
    })
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['spans', 'trace_times', 'business_keys', 'span_links', 'schema_migrations']),
    )
  })
})

describe('span store', () => {
  it('returns every span of a trace once, even when the same batch is inserted again', async () => {
    const traceId = newTraceId()
    const root = spanRecord({ traceId, name: 'ecommerce.checkout', attributes: { 'retail.order.id': 'WEB-1' } })
    const child = spanRecord({
      traceId,
      parentSpanId: root.spanId,
      name: 'payment.authorize',
      resource: { 'service.name': 'payment' },
      statusCode: 'error',
      statusMessage: 'declined',
    })
    await store.insert('acme', [root, child], 'batch-1')
    await store.insert('acme', [root, child], 'batch-1')
    await store.insert('acme', [root, child], 'batch-retried-with-new-token')
    const trace = await store.trace('acme', traceId)
    expect(trace?.spans.map((s) => s.name).sort()).toEqual(['ecommerce.checkout', 'payment.authorize'])
    expect(trace?.truncated).toBe(false)
    const payment = trace!.spans.find((s) => s.name === 'payment.authorize')!
    expect(payment).toMatchObject({ service: 'payment', statusCode: 'error', statusMessage: 'declined', parentSpanId: root.spanId })
  })

  it('cuts a runaway trace at 10,000 spans, the first by start time, and says it did', async () => {
    const traceId = newTraceId()
    const spans = Array.from({ length: 10_001 }, (_, i) => spanRecord({ traceId, name: `step-${i}`, agoMs: 20_000 - i }))
    await store.insert('acme', spans, 'runaway')
    const trace = await store.trace('acme', traceId)
    expect(trace?.spans).toHaveLength(10_000)
    expect(trace?.truncated).toBe(true)
    expect(trace?.spans.some((s) => s.name === 'step-10000')).toBe(false)
  })

  it("keeps tenants apart: the same order id in two tenants finds only the caller's trace", async () => {
    const acme = spanRecord({ attributes: { 'retail.order.id': 'SHARED-9' } })
    const globex = spanRecord({ attributes: { 'retail.order.id': 'SHARED-9' } })
    await store.insert('acme', [acme], 'acme-shared')
    await store.insert('globex', [globex], 'globex-shared')
    const found = await store.search('acme', 'retail.order.id', 'SHARED-9')
    expect(found.traces.map((t) => t.traceId)).toEqual([acme.traceId])
    expect(await store.trace('acme', globex.traceId)).toBeUndefined()
  })

  it('finds spans by an aliased key and by a key on the resource', async () => {
    const aliased = spanRecord({ attributes: { orderId: 'ALIAS-1' } })
    const onResource = spanRecord({ resource: { 'service.name': 'pos', 'retail.store.id': 'store-1', 'retail.order.id': 'RES-1' } })
    await store.insert('acme', [aliased, onResource], 'alias')
    expect((await store.search('acme', 'retail.order.id', 'ALIAS-1')).spans.map((s) => s.spanId)).toEqual([aliased.spanId])
    expect((await store.search('acme', 'retail.order.id', 'RES-1')).traces).toHaveLength(1)
  })

  it('follows a queue hop both ways: the consumer links out, the producer sees it linked in', async () => {
    const producer = spanRecord({ name: 'oms publish', kind: 'producer' })
    const consumer = spanRecord({
      name: 'wms process',
      kind: 'consumer',
      links: [{ traceId: producer.traceId, spanId: producer.spanId, traceState: '', attributes: {} }],
    })
    await store.insert('acme', [producer, consumer], 'hop')
    const producerTrace = await store.trace('acme', producer.traceId)
    expect(producerTrace!.spans[0]!.linkedFrom).toEqual([{ traceId: consumer.traceId, spanId: consumer.spanId, attributes: {} }])
    const consumerTrace = await store.trace('acme', consumer.traceId)
    expect(consumerTrace!.spans[0]!.links.map((l) => l.spanId)).toEqual([producer.spanId])
  })

  it('summarises the last hour per service', async () => {
    const traceId = newTraceId()
    await store.insert(
      'overview',
      [
        spanRecord({
          traceId,
          spanId: newSpanId(),
          resource: { 'service.name': 'erp-gateway', 'retail.system': 'erp' },
          durationMs: 2000,
          statusCode: 'error',
        }),
        spanRecord({
          traceId,
          spanId: newSpanId(),
          resource: { 'service.name': 'erp-gateway', 'retail.system': 'erp' },
          durationMs: 100,
          attributes: { 'retail.order.id': 'OV-1' },
        }),
      ],
      'overview',
    )
    const overview = await store.overview('overview', new Date())
    expect(overview).toMatchObject({ spansLastHour: 2, tracesLastHour: 1, errorsLastHour: 1 })
    expect(overview.services[0]).toMatchObject({ service: 'erp-gateway', system: 'erp', spans: 2, errors: 1 })
    expect(overview.recentKeys).toEqual([expect.objectContaining({ key: 'retail.order.id', value: 'OV-1' })])
  })
})
