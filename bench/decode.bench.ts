/**
 * OTLP protobuf decode rate: our decoder against the protobufjs decoder that
 * @opentelemetry/otlp-transformer generates, on the same 1,000-span request encoded by the
 * official serializer, alternating rounds in one run. Printed twice: against protobufjs's bare
 * decode, and against decode plus the mapping to span records that a receiver needs.
 */
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import root from '@opentelemetry/otlp-transformer/build/src/generated/root.js'
import { SpanKind } from '@opentelemetry/api'
import { decodeProtobufTraces } from '../collector/index.ts'

type Decoded = { resourceSpans: { scopeSpans: { spans: { traceId: Uint8Array; spanId: Uint8Array; attributes: { key: string; value: Record<string, unknown> }[] }[] }[] }[] }
const Request = (root as unknown as { opentelemetry: { proto: { collector: { trace: { v1: { ExportTraceServiceRequest: { decode(bytes: Uint8Array): Decoded } } } } } } })
  .opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'order-management', 'retail.system': 'oms' }), spanProcessors: [new SimpleSpanProcessor(exporter)] })
const tracer = provider.getTracer('bench')
for (let i = 0; i < 1000; i++) {
  const span = tracer.startSpan(i % 2 ? 'POST /orders' : 'erp.post_invoice', {
    kind: i % 2 ? SpanKind.SERVER : SpanKind.CLIENT,
    attributes: {
      'retail.order.id': `WEB-${100000 + i}`, 'retail.store.id': `store-${i % 12}`, 'retail.channel': 'web', 'retail.amount': 129.95,
      'http.request.method': 'POST', 'http.response.status_code': 200, 'url.path': '/orders', 'server.address': 'oms.internal', 'retail.sku': `SKU-${i % 50}`,
    },
  })
  if (i % 4 === 0) span.addEvent('retail.retry', { 'retail.retry.attempt': 1 })
  span.end()
}
const body = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

function protobufjsBare(): void { Request.decode(body) }
function protobufjsMapped(): void {
  // The least a receiver must add to protobufjs: hex ids and flat attribute values.
  for (const resource of Request.decode(body).resourceSpans) for (const scope of resource.scopeSpans) for (const span of scope.spans) {
    hex(span.traceId); hex(span.spanId)
    const attributes: Record<string, string> = {}
    for (const attribute of span.attributes) attributes[attribute.key] = String(Object.values(attribute.value)[0])
  }
}
function ours(): void { decodeProtobufTraces(body) }

function rate(run: () => void, millis: number): number {
  const deadline = performance.now() + millis
  let count = 0
  while (performance.now() < deadline) { run(); count++ }
  return count / (millis / 1000)
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
for (const run of [protobufjsBare, protobufjsMapped, ours]) rate(run, 300)
const results = { bare: [] as number[], mapped: [] as number[], ours: [] as number[] }
for (let round = 0; round < 5; round++) {
  results.bare.push(rate(protobufjsBare, 400))
  results.mapped.push(rate(protobufjsMapped, 400))
  results.ours.push(rate(ours, 400))
}
const [bare, mapped, own] = [median(results.bare), median(results.mapped), median(results.ours)]
console.log(`   request of 1,000 spans, ${(body.byteLength / 1024).toFixed(0)} KiB`)
console.log(`   protobufjs decode:                ${bare.toFixed(0)} requests/s`)
console.log(`   protobufjs decode + mapping:      ${mapped.toFixed(0)} requests/s`)
console.log(`   Throughline decodeProtobufTraces: ${own.toFixed(0)} requests/s (${((own * 1000) / 1e6).toFixed(2)} M spans/s)`)
console.log(`   ratio vs bare decode: ${(own / bare).toFixed(2)}x, vs decode + mapping: ${(own / mapped).toFixed(2)}x (target >= 3x)`)
