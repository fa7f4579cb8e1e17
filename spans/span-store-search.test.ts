import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from '../storage/index.ts'
import { keyRecogniser } from './business-keys.ts'
import { keySearchQuery } from './queries/search.ts'
import { createSpanStore, type SpanStore } from './span-store.ts'
import { newTraceId, spanRecord } from '../test/fixtures/spans.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('search', target)
let store: SpanStore

beforeAll(() => {
  store = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }))
})

describe('search by business key', () => {
  it('binds the tenant, key and value as parameters, never as SQL text', () => {
    const query = keySearchQuery(target, 'acme', 'retail.order.id', "A1' OR 1=1 --", { traces: 100, spans: 500 })
    expect(query.text).not.toContain('OR 1=1')
    expect(Object.values(query.params)).toEqual(expect.arrayContaining(['acme', 'retail.order.id', "A1' OR 1=1 --"]))
  })

  it("lists the keys a bare value was seen under, most recently seen first, with the tenant's traces only", async () => {
    const value = 'SHARED-4711'
    const orderTrace = newTraceId()
    await store.insert(
      'acme',
      [
        spanRecord({ traceId: orderTrace, agoMs: 5000, attributes: { 'retail.order.id': value } }),
        spanRecord({ traceId: orderTrace, agoMs: 4000, attributes: { 'retail.order.id': value } }),
        spanRecord({ agoMs: 3000, attributes: { 'retail.order.id': value } }),
        spanRecord({ agoMs: 1000, attributes: { 'retail.erp.document.id': value } }),
      ],
      'value-keys',
    )
    await store.insert('globex', [spanRecord({ agoMs: 500, attributes: { 'retail.payment.id': value } })], 'value-keys-globex')
    const found = await store.keysOf('acme', value)
    expect(found.keys.map(({ key, traces }) => [key, traces])).toEqual([
      ['retail.erp.document.id', 1],
      ['retail.order.id', 2],
    ])
    expect((await store.keysOf('acme', 'NEVER-SEEN')).keys).toEqual([])
  })

  it('counts and lists a span stored twice once, before the copies merge', async () => {
    const traceId = newTraceId()
    const spans = [
      spanRecord({
        traceId,
        agoMs: 3000,
        name: 'checkout.place_order',
        attributes: { 'retail.order.id': 'DUP-1' },
        resource: { 'service.name': 'storefront' },
      }),
      spanRecord({
        traceId,
        agoMs: 2990,
        name: 'payment.authorize',
        attributes: { 'retail.order.id': 'DUP-1' },
        statusCode: 'error',
        resource: { 'service.name': 'payment' },
      }),
      spanRecord({ traceId, agoMs: 2995, name: 'oms.accept_order', resource: { 'service.name': 'oms' } }),
    ]
    await store.insert('acme', spans, 'dup-first')
    await store.insert('acme', spans, 'dup-retried-under-another-token')
    const copies = await warehouse.rows<{ n: string }>(sql`SELECT count() AS n FROM throughline.spans WHERE TraceId = ${traceId}`)
    expect(Number(copies[0]!.n)).toBe(6)

    const found = await store.search('acme', 'retail.order.id', 'DUP-1')
    expect(found.traces).toEqual([
      expect.objectContaining({ traceId, spanCount: 3, errorCount: 1, services: ['oms', 'payment', 'storefront'] }),
    ])
    expect(found.spans.map((span) => [span.name, span.statusCode])).toEqual([
      ['checkout.place_order', 'unset'],
      ['payment.authorize', 'error'],
    ])
  })

  it('answers the newest 100 traces and the first 500 spans by start time', async () => {
    const traces = Array.from({ length: 120 }, (_, i) =>
      spanRecord({ agoMs: 60_000 - i * 100, attributes: { 'retail.order.id': 'MANY-TRACES' } }),
    )
    await store.insert('acme', traces, 'many-traces')
    const manyTraces = await store.search('acme', 'retail.order.id', 'MANY-TRACES')
    expect(manyTraces.traces.map((trace) => trace.traceId)).toEqual(
      traces
        .slice(20)
        .reverse()
        .map((span) => span.traceId),
    )

    const traceId = newTraceId()
    const spans = Array.from({ length: 700 }, (_, i) =>
      spanRecord({ traceId, agoMs: 50_000 - Math.floor(i / 2), attributes: { 'retail.order.id': 'MANY-SPANS' } }),
    )
    await store.insert('acme', spans, 'many-spans')
    const manySpans = await store.search('acme', 'retail.order.id', 'MANY-SPANS')
    expect(manySpans.traces[0]!.spanCount).toBe(700)
    const inStartOrder = [...spans].sort((a, b) =>
      a.startTimeUnixNano === b.startTimeUnixNano ? (a.spanId < b.spanId ? -1 : 1) : a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1,
    )
    expect(manySpans.spans.map((span) => span.spanId)).toEqual(inStartOrder.slice(0, 500).map((span) => span.spanId))
  })

  it('answers nothing for a value no span carries', async () => {
    expect(await store.search('acme', 'retail.order.id', 'NOBODY-ORDERED-THIS')).toEqual({
      key: 'retail.order.id',
      value: 'NOBODY-ORDERED-THIS',
      traces: [],
      spans: [],
    })
  })
})
