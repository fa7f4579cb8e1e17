/**
 * OTLP protobuf decode rate: our decoder against protobufjs over the official OTLP definitions
 * (the decoder @opentelemetry/otlp-transformer generated up to 0.208), on the same 1,000-span requests encoded by the
 * official serializer, alternating rounds in one run. Printed twice: against protobufjs's bare
 * decode, and against decode plus the mapping to span records that a receiver needs.
 *
 * Both sides cycle through 16 different requests rather than one: our decoder caches repeated
 * strings and attributes, and a single request decoded over and over would let even its
 * one-off values (order ids) hit that cache, which real traffic never does.
 */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { SpanKind } from '@opentelemetry/api'
import { DEFAULT_DECODE_LIMITS, decodeTraces } from '../collector/index.ts'
import { ExportTraceServiceRequest } from '../test/fixtures/otlp-protobuf.ts'

type Decoded = {
  resourceSpans: {
    scopeSpans: { spans: { traceId: Uint8Array; spanId: Uint8Array; attributes: { key: string; value: Record<string, unknown> }[] }[] }[]
  }[]
}
const Request = ExportTraceServiceRequest as unknown as { decode(bytes: Uint8Array): Decoded }

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'order-management', 'retail.system': 'oms' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
})
const tracer = provider.getTracer('bench')
const REQUESTS = 16
const SPANS_PER_REQUEST = 1000
const bodies: Uint8Array[] = []
for (let request = 0; request < REQUESTS; request++) {
  exporter.reset()
  for (let i = 0; i < SPANS_PER_REQUEST; i++) recordSpan(request * SPANS_PER_REQUEST + i)
  bodies.push(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!)
}

/** One span of an order flow; `order` makes its order id unique across all requests. */
function recordSpan(order: number): void {
  const i = order % SPANS_PER_REQUEST
  const span = tracer.startSpan(i % 2 ? 'POST /orders' : 'erp.post_invoice', {
    kind: i % 2 ? SpanKind.SERVER : SpanKind.CLIENT,
    attributes: {
      'retail.order.id': `WEB-${100000 + order}`,
      'retail.store.id': `store-${i % 12}`,
      'retail.channel': 'web',
      'retail.amount': 129.95,
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'url.path': '/orders',
      'server.address': 'oms.internal',
      'retail.sku': `SKU-${i % 50}`,
    },
  })
  if (i % 4 === 0) span.addEvent('retail.retry', { 'retail.retry.attempt': 1 })
  span.end()
}

let next = 0
/** The next request of the cycle; both sides see the same bytes in the same order. */
const nextBody = (): Uint8Array => bodies[next++ % REQUESTS]!
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

function protobufjsBare(): void {
  Request.decode(nextBody())
}
function protobufjsMapped(): void {
  // The least a receiver must add to protobufjs: hex ids and flat attribute values.
  for (const resource of Request.decode(nextBody()).resourceSpans)
    for (const scope of resource.scopeSpans)
      for (const span of scope.spans) {
        hex(span.traceId)
        hex(span.spanId)
        const attributes: Record<string, string> = {}
        for (const attribute of span.attributes) attributes[attribute.key] = String(Object.values(attribute.value)[0])
      }
}
function ours(): void {
  decodeTraces('protobuf', nextBody(), DEFAULT_DECODE_LIMITS)
}

// Many short alternating rounds: the machine's other work changes from second to second, and a
// ratio taken between neighbouring rounds cancels most of that.
const ROUNDS = 25
const ROUND_MILLIS = 120

function rate(run: () => void, millis: number): number {
  const deadline = performance.now() + millis
  let count = 0
  while (performance.now() < deadline) {
    run()
    count++
  }
  return count / (millis / 1000)
}
const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b)
const median = (values: number[]): number => sorted(values)[Math.floor(values.length / 2)]!
/** Our rate over theirs, round by round: the median and the middle half of those ratios. */
function ratio(ours: number[], theirs: number[]): { median: number; middleHalf: string } {
  const ratios = sorted(ours.map((value, round) => value / theirs[round]!))
  const quartile = (q: number): string => ratios[Math.floor((ratios.length - 1) * q)]!.toFixed(2)
  return { median: median(ratios), middleHalf: `${quartile(0.25)}-${quartile(0.75)}` }
}
for (const run of [protobufjsBare, protobufjsMapped, ours]) rate(run, 300)
const results = { bare: [] as number[], mapped: [] as number[], ours: [] as number[] }
for (let round = 0; round < ROUNDS; round++) {
  results.bare.push(rate(protobufjsBare, ROUND_MILLIS))
  results.mapped.push(rate(protobufjsMapped, ROUND_MILLIS))
  results.ours.push(rate(ours, ROUND_MILLIS))
}
const [bare, mapped, own] = [median(results.bare), median(results.mapped), median(results.ours)]
const vsBare = ratio(results.ours, results.bare)
const vsMapped = ratio(results.ours, results.mapped)
const kib = bodies.reduce((sum, body) => sum + body.byteLength, 0) / REQUESTS / 1024
console.log(
  `   ${REQUESTS} requests of ${SPANS_PER_REQUEST.toLocaleString('en')} spans, ${kib.toFixed(0)} KiB each; ${ROUNDS} alternating rounds of ${ROUND_MILLIS} ms, medians`,
)
console.log(`   protobufjs decode:                ${bare.toFixed(0)} requests/s`)
console.log(`   protobufjs decode + mapping:      ${mapped.toFixed(0)} requests/s`)
console.log(
  `   Throughline decodeTraces (protobuf): ${own.toFixed(0)} requests/s (${((own * SPANS_PER_REQUEST) / 1e6).toFixed(2)} M spans/s)`,
)
console.log(`   ratio vs bare decode: ${vsBare.median.toFixed(2)}x, vs decode + mapping: ${vsMapped.median.toFixed(2)}x (target >= 3x)`)
console.log(`   middle half of the per-round ratios: ${vsBare.middleHalf}x vs bare, ${vsMapped.middleHalf}x vs decode + mapping`)
