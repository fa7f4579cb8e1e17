import { context, propagation, SpanKind, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { beforeEach, describe, expect, it } from 'vitest'
import { withBusinessKeys } from './business-keys.ts'
import { inject } from './message-headers.ts'
import { consume, produce, replay } from './messaging.ts'
import { businessKeySpanProcessor } from './span-processor.ts'

const exporter = new InMemorySpanExporter()
new NodeTracerProvider({ spanProcessors: [businessKeySpanProcessor(), new SimpleSpanProcessor(exporter)] }).register()
const tracer = trace.getTracer('test')

function only(name: string): ReadableSpan {
  const spans = exporter.getFinishedSpans().filter((span) => span.name === name)
  expect(spans).toHaveLength(1)
  return spans[0]!
}

/** Publishes a message from inside a span with keys, as a producing service would. */
function publish(keys: Record<string, string>): { headers: Record<string, string>; producer: ReadableSpan } {
  const headers = withBusinessKeys(keys, () =>
    tracer.startActiveSpan('publish', (span) => {
      const written = inject({})
      span.end()
      return written
    }),
  )
  const producer = only('publish')
  exporter.reset()
  return { headers, producer }
}

beforeEach(() => exporter.reset())

describe('inject', () => {
  it('writes trace context and only the allow-listed keys, not the rest of the baggage', () => {
    const hostBaggage = propagation.createBaggage({ 'session.token': { value: 'secret' } })
    const headers: Record<string, string> = { 'content-type': 'application/json', baggage: 'stale=1' }
    context.with(propagation.setBaggage(context.active(), hostBaggage), () =>
      withBusinessKeys({ 'retail.order.id': 'A1', 'customer.email': 'x@example.com' }, () =>
        tracer.startActiveSpan('send', (span) => {
          expect(inject(headers)).toBe(headers)
          span.end()
        }),
      ),
    )
    expect(headers.traceparent).toMatch(new RegExp(`^00-${only('send').spanContext().traceId}-`))
    expect(headers.baggage).toBe('retail.order.id=A1')
    expect(headers['content-type']).toBe('application/json')
  })
})

describe('consume', () => {
  it('starts a CONSUMER span in a new trace that links to the producer', () => {
    const { headers, producer } = publish({ 'retail.order.id': 'A1' })
    consume(headers, 'order', () => undefined)
    const consumer = only('process order')
    expect(consumer.kind).toBe(SpanKind.CONSUMER)
    expect(consumer.parentSpanContext).toBeUndefined()
    expect(consumer.spanContext().traceId).not.toBe(producer.spanContext().traceId)
    expect(consumer.links.map((link) => link.context.spanId)).toEqual([producer.spanContext().spanId])
  })

  it('continues the current trace when there is one', () => {
    const { headers } = publish({ 'retail.order.id': 'A1' })
    tracer.startActiveSpan('poll', (poll) => {
      consume(headers, 'order', () => undefined)
      poll.end()
    })
    expect(only('process order').parentSpanContext?.spanId).toBe(only('poll').spanContext().spanId)
  })

  it('carries the message keys onto its span, the spans inside and their outgoing headers', () => {
    const { headers } = publish({ 'retail.order.id': 'A1', 'retail.store.id': 'S7' })
    const outgoing: Record<string, string> = {}
    const result = consume(headers, 'order', () => {
      tracer.startSpan('reserve stock').end()
      propagation.inject(context.active(), outgoing)
      return 'ok'
    })
    expect(result).toBe('ok')
    for (const name of ['process order', 'reserve stock']) {
      expect(only(name).attributes).toMatchObject({ 'retail.order.id': 'A1', 'retail.store.id': 'S7' })
    }
    expect(outgoing.baggage?.split(',').sort()).toEqual(['retail.order.id=A1', 'retail.store.id=S7'])
  })

  it('reads headers as Kafka hands them over: bytes, and names in any case', () => {
    const { headers, producer } = publish({ 'retail.payment.id': 'P1' })
    const kafka = { TraceParent: Buffer.from(headers.traceparent!), baggage: Buffer.from(headers.baggage!) }
    consume(kafka, 'payments', () => undefined)
    const consumer = only('process payments')
    expect(consumer.links[0]?.context.spanId).toBe(producer.spanContext().spanId)
    expect(consumer.attributes['retail.payment.id']).toBe('P1')
  })

  it('still runs fn for a message without headers, with no link', async () => {
    await expect(consume(undefined, 'legacy', () => Promise.resolve(3))).resolves.toBe(3)
    expect(only('process legacy').links).toEqual([])
  })
})

describe('produce', () => {
  it('sends from a PRODUCER span named and described as the messaging conventions say, whose context the consumer links to', () => {
    const sent = withBusinessKeys({ 'retail.return.id': 'R1' }, () =>
      produce('erp.returns', {}, (headers) => headers, { 'messaging.system': 'rabbitmq' }),
    )
    const producer = only('send erp.returns')
    expect(producer.kind).toBe(SpanKind.PRODUCER)
    expect(producer.attributes).toMatchObject({
      'retail.return.id': 'R1',
      'messaging.system': 'rabbitmq',
      'messaging.destination.name': 'erp.returns',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
    })
    consume(sent, 'erp.returns', () => undefined, { 'messaging.system': 'rabbitmq' })
    const consumer = only('process erp.returns')
    expect(consumer.links[0]?.context.spanId).toBe(producer.spanContext().spanId)
    expect(consumer.attributes).toMatchObject({
      'retail.return.id': 'R1',
      'messaging.system': 'rabbitmq',
      'messaging.destination.name': 'erp.returns',
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
    })
  })

  it('without fn, records the send and returns the headers', () => {
    const headers = produce('sales', { id: '1' })
    expect(headers.traceparent).toContain(only('send sales').spanContext().spanId)
  })
})

describe('replay', () => {
  it("re-sends a dead letter as a send that links to and names the original, with the message's keys, and hands the consumer the replay's context", async () => {
    const { headers, producer } = publish({ 'retail.order.id': 'WEB-REPLAY-1' })
    const republished = await replay({ ...headers }, 'erp.orders', (replayed) => Promise.resolve(replayed))
    const sent = only('send erp.orders')
    expect(sent.kind).toBe(SpanKind.PRODUCER)
    expect(sent.attributes).toMatchObject({
      'retail.replay.of': `${producer.spanContext().traceId}-${producer.spanContext().spanId}`,
      'retail.order.id': 'WEB-REPLAY-1',
      'messaging.destination.name': 'erp.orders',
      'messaging.operation.type': 'send',
    })
    expect(sent.links.map((link) => link.context.spanId)).toEqual([producer.spanContext().spanId])
    expect(republished.traceparent).toContain(sent.spanContext().spanId)
    consume(republished, 'erp.orders', () => undefined)
    expect(only('process erp.orders').links.map((link) => link.context.spanId)).toEqual([sent.spanContext().spanId])
  })
})
