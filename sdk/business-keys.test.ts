import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { beforeEach, describe, expect, it } from 'vitest'
import { activeBusinessKeys, withBusinessKeys } from './business-keys.ts'
import { businessKeySpanProcessor } from './span-processor.ts'

const exporter = new InMemorySpanExporter()
const aliases = { orderId: 'retail.order.id', order_number: 'retail.order.id', storeNumber: 'retail.store.id' }
new NodeTracerProvider({
  spanProcessors: [businessKeySpanProcessor({ keyAliases: aliases, extraKeys: ['acme.basket.id'] }), new SimpleSpanProcessor(exporter)],
}).register()
const tracer = trace.getTracer('test')

function attributesOf(name: string): Record<string, unknown> {
  const span = exporter.getFinishedSpans().find((s) => s.name === name)
  if (span === undefined) throw new Error(`no span ${name}`)
  return span.attributes
}

function baggageKeys(): Record<string, string> {
  const entries = propagation.getBaggage(context.active())?.getAllEntries() ?? []
  return Object.fromEntries(entries.map(([key, entry]) => [key, entry.value]))
}

beforeEach(() => exporter.reset())

describe('withBusinessKeys', () => {
  it('puts the keys on every span started inside, nested and after an await', async () => {
    await withBusinessKeys({ 'retail.order.id': 'A1', 'retail.store.id': 'S7' }, async () => {
      await tracer.startActiveSpan('parent', async (parent) => {
        tracer.startSpan('child').end()
        await new Promise((resolve) => setTimeout(resolve, 5))
        tracer.startSpan('after-await').end()
        parent.end()
      })
    })
    for (const name of ['parent', 'child', 'after-await']) {
      expect(attributesOf(name)).toMatchObject({ 'retail.order.id': 'A1', 'retail.store.id': 'S7' })
    }
  })

  it('leaves spans outside untouched', () => {
    withBusinessKeys({ 'retail.order.id': 'A1' }, () => tracer.startSpan('inside').end())
    tracer.startSpan('outside').end()
    expect(attributesOf('outside')['retail.order.id']).toBeUndefined()
  })

  it('merges nested keys, the inner value winning', () => {
    withBusinessKeys({ 'retail.order.id': 'A1', 'retail.channel': 'web' }, () => {
      withBusinessKeys({ 'retail.order.id': 'A2', 'retail.payment.id': 'P1' }, () => tracer.startSpan('inner').end())
      tracer.startSpan('outer').end()
    })
    expect(attributesOf('inner')).toMatchObject({ 'retail.order.id': 'A2', 'retail.channel': 'web', 'retail.payment.id': 'P1' })
    expect(attributesOf('outer')).toMatchObject({ 'retail.order.id': 'A1' })
    expect(attributesOf('outer')['retail.payment.id']).toBeUndefined()
  })

  it('maps aliases onto the convention names', () => {
    withBusinessKeys({ orderId: 'A1', storeNumber: 12 }, () => {
      tracer.startSpan('aliased').end()
      expect(baggageKeys()).toEqual({ 'retail.order.id': 'A1', 'retail.store.id': '12' })
    })
    expect(attributesOf('aliased')).toMatchObject({ 'retail.order.id': 'A1', 'retail.store.id': '12' })
    expect(attributesOf('aliased').orderId).toBeUndefined()
  })

  it('keeps keys that are not allow-listed on local spans but out of baggage', () => {
    withBusinessKeys({ 'retail.sku': 'SKU-1', 'acme.basket.id': 'B9', 'customer.email': 'x@example.com' }, () => {
      tracer.startSpan('mixed').end()
      expect(baggageKeys()).toEqual({ 'retail.sku': 'SKU-1', 'acme.basket.id': 'B9' })
    })
    expect(attributesOf('mixed')).toMatchObject({ 'customer.email': 'x@example.com', 'acme.basket.id': 'B9' })
  })

  it('skips empty values and lets an attribute set on the span itself win', () => {
    withBusinessKeys({ 'retail.order.id': 'A1', 'retail.return.id': undefined, 'retail.payment.id': '' }, () => {
      tracer.startSpan('explicit', { attributes: { 'retail.order.id': 'OWN' } }).end()
    })
    const attributes = attributesOf('explicit')
    expect(attributes['retail.order.id']).toBe('OWN')
    expect(Object.keys(attributes)).not.toContain('retail.return.id')
    expect(Object.keys(attributes)).not.toContain('retail.payment.id')
  })

  it('returns what fn returns, sync or async, and passes on what it throws', async () => {
    expect(withBusinessKeys({ 'retail.order.id': 'A1' }, () => 42)).toBe(42)
    await expect(withBusinessKeys({ 'retail.order.id': 'A1' }, () => Promise.resolve('done'))).resolves.toBe('done')
    expect(() =>
      withBusinessKeys({ 'retail.order.id': 'A1' }, () => {
        throw new Error('boom')
      }),
    ).toThrow('boom')
  })

  it('reports the keys in force', () => {
    withBusinessKeys({ orderId: 'A1' }, () => {
      expect(activeBusinessKeys()).toEqual({ 'retail.order.id': 'A1' })
    })
    expect(activeBusinessKeys()).toEqual({})
  })
})

describe('business-key span processor', () => {
  it('copies allow-listed keys from baggage that came from upstream, aliases mapped', () => {
    const upstream = propagation.extract(ROOT_CONTEXT, { baggage: 'orderId=A1,retail.store.id=S7,session=secret' })
    context.with(upstream, () => tracer.startSpan('server').end())
    const attributes = attributesOf('server')
    expect(attributes).toMatchObject({ 'retail.order.id': 'A1', 'retail.store.id': 'S7' })
    expect(attributes.session).toBeUndefined()
    expect(attributes.orderId).toBeUndefined()
  })

  it('merges local keys over those from upstream', () => {
    const upstream = propagation.extract(ROOT_CONTEXT, { baggage: 'retail.order.id=A1' })
    context.with(upstream, () => withBusinessKeys({ 'retail.payment.id': 'P1' }, () => tracer.startSpan('handler').end()))
    expect(attributesOf('handler')).toMatchObject({ 'retail.order.id': 'A1', 'retail.payment.id': 'P1' })
  })
})
