/**
 * The path a span takes, end to end: the platform started as `npm start` starts it, spans sent
 * by OpenTelemetry's own OTLP exporters (protobuf and JSON), read back through the query API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api'
import type { SearchResponse, TraceResponse } from '../core/index.ts'
import { logRecords, startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'

let platform: PlatformProcess

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
})

afterAll(async () => {
  expect(await platform.stop()).toBe(0)
  const records = logRecords(platform.output())
  expect(records.at(-1)).toMatchObject({ level: 'info', msg: 'stopped cleanly' })
  // Not at a terminal, the log is JSON lines with an access record for each request answered.
  expect(records.find((r) => r.log === 'access' && r.path === '/v1/traces')).toMatchObject({ method: 'POST', status: 200, tenant: 'local' })
  expect(records.find((r) => r.log === 'access' && r.path === '/api/search' && r.status === 400)).toMatchObject({
    level: 'warn',
    tenant: 'local',
  })
  expect(records.every((r) => typeof r.time === 'string' && typeof r.level === 'string')).toBe(true)
})

async function api<T>(path: string, token = platform.apiToken): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: (await response.json()) as T }
}

function provider(exporter: ProtoExporter | JsonExporter, service: string): BasicTracerProvider {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'retail.system': 'oms' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
}

describe('platform end to end', () => {
  it('stores spans from the official protobuf exporter and finds them by order id and trace id', async () => {
    const tracerProvider = provider(
      new ProtoExporter({ url: `${platform.otlpUrl}/v1/traces`, headers: { authorization: `Bearer ${platform.ingestKey}` } }),
      'order-api',
    )
    const tracer = tracerProvider.getTracer('e2e')
    const root = tracer.startSpan('POST /orders', {
      kind: SpanKind.SERVER,
      attributes: { 'retail.order.id': 'WEB-777', 'retail.channel': 'web', 'retail.journey.stage': 'order.placed' },
    })
    const child = tracer.startSpan(
      'erp.create_order',
      { kind: SpanKind.CLIENT, attributes: { 'retail.order.id': 'WEB-777' } },
      trace.setSpan(context.active(), root),
    )
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'ERP timeout' })
    child.end()
    root.end()
    await tracerProvider.forceFlush()
    await tracerProvider.shutdown()

    const found = await api<SearchResponse>('/api/search?key=retail.order.id&value=WEB-777')
    expect(found.status).toBe(200)
    expect(found.body.traces).toHaveLength(1)
    expect(found.body.traces[0]).toMatchObject({
      traceId: root.spanContext().traceId,
      spanCount: 2,
      errorCount: 1,
      services: ['order-api'],
    })

    const traced = await api<TraceResponse>(`/api/traces/${root.spanContext().traceId}`)
    expect(traced.status).toBe(200)
    // Both spans may start in the same microsecond, so find them by name rather than by order.
    const byName = new Map(traced.body.spans.map((s) => [s.name, s]))
    expect([...byName.keys()].sort()).toEqual(['POST /orders', 'erp.create_order'])
    expect(byName.get('POST /orders')).toMatchObject({
      stage: 'order.placed',
      service: 'order-api',
      system: 'oms',
      kind: 'server',
      businessKeys: { 'retail.order.id': 'WEB-777' },
    })
    expect(byName.get('erp.create_order')).toMatchObject({
      parentSpanId: root.spanContext().spanId,
      statusCode: 'error',
      statusMessage: 'ERP timeout',
    })
  })

  it('stores spans from the official JSON exporter', async () => {
    const tracerProvider = provider(
      new JsonExporter({ url: `${platform.otlpUrl}/v1/traces`, headers: { 'x-api-key': platform.ingestKey } }),
      'pos-gateway',
    )
    const span = tracerProvider
      .getTracer('e2e')
      .startSpan('pos.publish_sale', { attributes: { 'retail.order.id': 'POS-12-0001', 'retail.store.id': 'store-012' } })
    span.end()
    await tracerProvider.shutdown()
    const found = await api<SearchResponse>('/api/search?key=retail.order.id&value=POS-12-0001')
    expect(found.body.spans).toEqual([
      expect.objectContaining({ name: 'pos.publish_sale', service: 'pos-gateway', spanId: span.spanContext().spanId }),
    ])
  })

  it('refuses an unknown ingest key and an unknown API token', async () => {
    const otlp = await fetch(`${platform.otlpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-key-wrong-key' },
      body: '{}',
    })
    expect(otlp.status).toBe(401)
    const query = await api<{ error: { code: string } }>('/api/search?key=retail.order.id&value=x', 'not-a-token-at-all')
    expect(query).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'unknown API token' } } })
  })

  it('answers a bad search with a clear error and serves health, metrics, the OpenAPI document and the first page', async () => {
    const bad = await api<{ error: { code: string; message: string } }>('/api/search?key=orderNumber&value=1')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('retail.order.id')
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${platform.url}/readyz`)).status).toBe(200)
    const metrics = await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
    const text = await metrics.text()
    for (const series of [
      'throughline_spans_received_total',
      'throughline_spans_stored_total',
      'throughline_spans_rejected_total',
      'throughline_spool_bytes',
      'throughline_insert_duration_seconds',
      'throughline_alerts_firing',
      'throughline_notifications_sent_total',
      'throughline_notifications_failed_total',
    ]) {
      expect(text).toContain(series)
    }
    expect(text).toMatch(/throughline_spans_stored_total 3/)
    // What an operator expects of any Node.js service besides the platform's own series.
    for (const series of [
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_gc_duration_seconds',
      'process_cpu_seconds_total',
    ])
      expect(text).toContain(`# TYPE ${series} `)
    const openapi = await fetch(`${platform.url}/api/openapi.json`)
    expect(((await openapi.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/search')
    const page = await fetch(`${platform.url}/journeys/order/WEB-777`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
  })
})
