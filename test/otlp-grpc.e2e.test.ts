/**
 * OTLP/gRPC as an estate's .NET, Java and Python services export by default: the official gRPC
 * trace exporter, unchanged, stores spans that the search then finds; a call without a key, with
 * a body that is not OTLP, or with metrics gets the answer the specification gives.
 */
import { Metadata, status } from '@grpc/grpc-js'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { grpcCall, OTLP_GRPC } from './fixtures/grpc-call.ts'

let platform: PlatformProcess

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
})

afterAll(async () => {
  expect(await platform?.stop()).toBe(0)
})

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

const call = (path: string, body: Uint8Array, key?: string): Promise<Buffer> => grpcCall(platform.otlpGrpcAddress, path, body, key)

type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>
const GZIP = 'gzip' as NonNullable<ExporterConfig['compression']>
const TRACES = OTLP_GRPC.traces
const METRICS = OTLP_GRPC.metrics

describe('OTLP/gRPC', () => {
  it('stores spans from the official gRPC exporter, gzip and all, and finds them by order id', async () => {
    const metadata = new Metadata()
    metadata.set('authorization', `Bearer ${platform.ingestKey}`)
    const exporter = new OTLPTraceExporter({ url: `http://${platform.otlpGrpcAddress}`, metadata, compression: GZIP })
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'pos-gateway', 'retail.system': 'pos' }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    })
    const tracer = provider.getTracer('grpc-e2e')
    for (const stage of ['sale.completed', 'sale.published']) {
      tracer.startSpan(stage, { attributes: { 'retail.order.id': 'GRPC-1001', 'retail.journey.stage': stage } }).end()
    }
    await provider.forceFlush()
    await provider.shutdown()

    const found = await api<SearchResponse>('/api/search?key=retail.order.id&value=GRPC-1001')
    expect(found.spans.map((span) => [span.stage, span.service, span.system]).sort()).toEqual([
      ['sale.completed', 'pos-gateway', 'pos'],
      ['sale.published', 'pos-gateway', 'pos'],
    ])
  })

  it('answers UNAUTHENTICATED without a key or with an unknown one, and INVALID_ARGUMENT for a body that is not OTLP', async () => {
    await expect(call(TRACES, new Uint8Array(0))).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: expect.stringContaining('missing ingest key'),
    })
    await expect(call(TRACES, new Uint8Array(0), 'not-a-key-of-anyone')).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: 'unknown ingest key',
    })
    // Field 1, length-delimited, says 200 bytes follow and none do.
    await expect(call(TRACES, Uint8Array.from([0x0a, 0xc8, 0x01]), platform.ingestKey)).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    })
  })

  it('accepts metrics as agents send them by default, with a partial success that says they are not stored', async () => {
    const answer = await call(METRICS, new Uint8Array(0), platform.ingestKey)
    // ExportMetricsServiceResponse { partial_success (1) { error_message (2) } }: the text travels as it is.
    const message = 'Throughline stores traces; metrics are accepted and not stored'
    expect([...answer.subarray(0, 1)]).toEqual([0x0a])
    expect(answer.subarray(answer.length - message.length).toString('utf8')).toBe(message)
  })
})
