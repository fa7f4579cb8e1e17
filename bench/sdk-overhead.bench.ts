/**
 * Per-span cost of the SDK's business keys: `startSpan().end()` inside withBusinessKeys (three
 * keys copied by the span processor) against plain OpenTelemetry setting the same three
 * attributes by hand. Same batch processor and OTLP exporter settings, same run, alternating
 * rounds; target at most 1.2x.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { businessKeySpanProcessor, withBusinessKeys } from '@throughline/sdk'

const SPANS_PER_ROUND = 100_000
const ROUNDS = 9

const sink = http.createServer((req, res) => req.resume().on('end', () => res.end()))
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1/traces`
const batch = (): BatchSpanProcessor =>
  new BatchSpanProcessor(new OTLPTraceExporter({ url }), { maxQueueSize: 4096, maxExportBatchSize: 512 })

const keyedProvider = new NodeTracerProvider({ spanProcessors: [businessKeySpanProcessor(), batch()] })
keyedProvider.register() // the AsyncLocalStorage context manager that withBusinessKeys needs
const plainProvider = new NodeTracerProvider({ spanProcessors: [batch()] })
const keyed = keyedProvider.getTracer('bench')
const plain = plainProvider.getTracer('bench')
const keys = { 'retail.order.id': 'WEB-100234', 'retail.store.id': 'store-012', 'retail.channel': 'web' }

function plainRound(): number {
  const started = process.hrtime.bigint()
  for (let i = 0; i < SPANS_PER_ROUND; i++) {
    const span = plain.startSpan('oms.create_order')
    span.setAttribute('retail.order.id', 'WEB-100234')
    span.setAttribute('retail.store.id', 'store-012')
    span.setAttribute('retail.channel', 'web')
    span.end()
  }
  return Number(process.hrtime.bigint() - started) / SPANS_PER_ROUND
}

function keyedRound(): number {
  return withBusinessKeys(keys, () => {
    const started = process.hrtime.bigint()
    for (let i = 0; i < SPANS_PER_ROUND; i++) keyed.startSpan('oms.create_order').end()
    return Number(process.hrtime.bigint() - started) / SPANS_PER_ROUND
  })
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
for (let warm = 0; warm < 2; warm++) {
  plainRound()
  keyedRound()
}
const plainNs: number[] = []
const keyedNs: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  plainNs.push(plainRound())
  keyedNs.push(keyedRound())
}
const ratio = median(keyedNs) / median(plainNs)
console.log(
  `   plain OpenTelemetry, 3 attributes by hand: ${median(plainNs).toFixed(0)} ns/span (median of ${ROUNDS} rounds of ${SPANS_PER_ROUND})`,
)
console.log(`   withBusinessKeys, 3 keys:                  ${median(keyedNs).toFixed(0)} ns/span`)
console.log(`   ratio: ${ratio.toFixed(2)}x (target <= 1.2x) ${ratio <= 1.2 ? 'ok' : 'MISSED'}`)
await Promise.all([keyedProvider.shutdown(), plainProvider.shutdown()])
sink.close()
