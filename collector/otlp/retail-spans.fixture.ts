/**
 * Test fixture: real spans from the OpenTelemetry JS SDK, covering every OTLP field the decoders
 * read, and an independent expectation of the span records they must decode to.
 */
import { context, SpanKind, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api'
import type { AttributeValue, HrTime } from '@opentelemetry/api'
import { TraceState } from '@opentelemetry/core'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base'
import type { Attributes, SpanKind as RecordKind, SpanRecord, StatusCode } from '../../core/index.ts'

const KINDS: readonly RecordKind[] = ['internal', 'server', 'client', 'producer', 'consumer']
const STATUSES: readonly StatusCode[] = ['unset', 'ok', 'error']
const REMOTE_PARENT = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' }

/** Ends spans of a retail order flow: every kind, events, links, statuses and attribute type. */
export async function recordRetailSpans(): Promise<ReadableSpan[]> {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    // Resources are not sanitised by the SDK, so they can carry bytes and maps, as other SDKs' spans do.
    resource: resourceFromAttributes({
      'service.name': 'checkout',
      'retail.system': 'ecommerce',
      'host.cores': 8,
      'build.digest': new Uint8Array([0, 1, 2, 250, 255]) as unknown as AttributeValue,
      deployment: { region: 'eu-west-1', replicas: 3, canary: false, tags: ['blue', 'green'] } as unknown as AttributeValue,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const checkout = provider.getTracer('retail-checkout', '1.4.2')
  const erp = provider.getTracer('erp-gateway')
  const t0: HrTime = [1_760_000_000, 12_345_678]
  const at = (ms: number): HrTime => [t0[0] + Math.floor(ms / 1000), t0[1] + (ms % 1000) * 1_000_000 + 7]

  const remote = trace.setSpanContext(context.active(), {
    ...REMOTE_PARENT,
    traceFlags: TraceFlags.SAMPLED,
    isRemote: true,
    traceState: new TraceState('retail=7,vendor=abc'),
  })
  const order = checkout.startSpan(
    'POST /orders',
    {
      kind: SpanKind.SERVER,
      startTime: t0,
      attributes: {
        'retail.order.id': 'A1-ü-€-😀',
        'retail.amount': 129.95,
        'retail.inventory.delta': -3,
        'retail.retry.attempt': 2,
        'retail.dead_letter': false,
        'big.int': Number.MAX_SAFE_INTEGER,
        'retail.sku': ['sku-1', 'sku-"2"'],
        quantities: [1, 2.5, -3],
        flags: [true, false],
        sparse: ['a', null, 'c'],
        'empty.list': [],
        'empty.text': '',
      },
    },
    remote,
  )
  order.addEvent('order.placed', { 'retail.channel': 'web', items: 3 }, at(5))
  order.addEvent('exception', { 'exception.type': 'TimeoutError', 'exception.escaped': true }, at(9))
  const orderContext = trace.setSpan(context.active(), order)
  const payment = checkout.startSpan('authorize payment', { kind: SpanKind.CLIENT, startTime: at(10) }, orderContext)
  payment.setStatus({ code: SpanStatusCode.OK })
  payment.end(at(40))
  const publish = checkout.startSpan('orders publish', { kind: SpanKind.PRODUCER, startTime: at(41) }, orderContext)
  publish.end(at(42))
  order.setStatus({ code: SpanStatusCode.ERROR, message: 'ERP timeout' })
  order.end(at(1500))
  const consume = erp.startSpan('orders process', {
    kind: SpanKind.CONSUMER,
    startTime: at(2000),
    links: [{ context: publish.spanContext(), attributes: { 'messaging.operation': 'process', 'retail.retry.attempt': 1 } }],
  })
  const post = erp.startSpan(
    'erp.post_invoice',
    { startTime: at(2100), attributes: { 'retail.erp.document.id': 'INV-9' } },
    trace.setSpan(context.active(), consume),
  )
  post.end(at(2900))
  consume.end(at(3000))
  // Shutting down would reset the in-memory exporter, so read the spans first.
  const finished = exporter.getFinishedSpans()
  await provider.shutdown()
  return finished
}

/** The span record a decoder must produce for an SDK span, derived without any decoder code. */
export function expectedRecord(span: ReadableSpan): SpanRecord {
  const spanContext = span.spanContext()
  return {
    traceId: spanContext.traceId,
    spanId: spanContext.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    traceState: spanContext.traceState?.serialize() ?? '',
    name: span.name,
    kind: KINDS[span.kind]!,
    startTimeUnixNano: nanos(span.startTime),
    endTimeUnixNano: nanos(span.endTime),
    attributes: flatten(span.attributes),
    events: span.events.map((event) => ({
      timeUnixNano: nanos(event.time),
      name: event.name,
      attributes: flatten(event.attributes ?? {}),
    })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      traceState: link.context.traceState?.serialize() ?? '',
      attributes: flatten(link.attributes ?? {}),
    })),
    statusCode: STATUSES[span.status.code]!,
    statusMessage: span.status.message ?? '',
    resource: flatten(span.resource.attributes),
    scopeName: span.instrumentationScope.name,
    scopeVersion: span.instrumentationScope.version ?? '',
  }
}

function nanos([seconds, nanoseconds]: HrTime): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanoseconds)
}

function flatten(attributes: Record<string, unknown>): Attributes {
  const flat: Attributes = {}
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value === 'string') flat[key] = value
    else if (value instanceof Uint8Array) flat[key] = Buffer.from(value).toString('base64')
    else if (typeof value === 'object' && value !== null)
      flat[key] = JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))
    else flat[key] = String(value)
  }
  return flat
}
