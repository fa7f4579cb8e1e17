import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { tenantDirectory, type SpanRecord } from '../../core/index.ts'
import { DEFAULT_DECODE_LIMITS } from '../otlp/index.ts'
import { createReceiverApp } from './receiver-app.ts'
import { RejectionLog } from './rejection-log.ts'
import type { SpanSink } from './span-sink.ts'
import { busy, DURABLE, type Acceptance } from '../acceptance.ts'
import { MetricRegistry, SILENT_LOG } from '../../telemetry/index.ts'

const KEY = 'acme-ingest-key-0001'
const tenants = tenantDirectory([{ name: 'acme', ingestKeys: [KEY], apiTokens: ['acme-api-token-00001'] }])

class RecordingSink implements SpanSink {
  readonly batches: { tenant: string; spans: readonly SpanRecord[]; requestId: string }[] = []
  busy = false
  accept(tenant: string, spans: readonly SpanRecord[], requestId: string): Promise<Acceptance> {
    if (this.busy) return Promise.resolve(busy('spool full', 2))
    this.batches.push({ tenant, spans, requestId })
    return Promise.resolve(DURABLE)
  }
}

/** The receiver's clock: nine minutes after the spans below start. */
const NOW = Date.parse('2018-12-13T15:00:00Z')
const DAY_NANOS = 86_400_000_000_000n

function setup(maxRequestBytes = 64 * 1024, corsOrigins: readonly string[] = []) {
  const sink = new RecordingSink()
  const metrics = new MetricRegistry()
  const rejections = new RejectionLog()
  const app = createReceiverApp({
    tenants,
    sink,
    metrics,
    maxRequestBytes,
    maxExpandedChars: 4 * maxRequestBytes,
    limits: DEFAULT_DECODE_LIMITS,
    window: { maxAgeMs: 30 * 86_400_000, maxAheadMs: 86_400_000 },
    rejections,
    log: SILENT_LOG,
    clock: () => NOW,
    corsOrigins,
  })
  return { app, sink, metrics, rejections }
}

const span = (name: string, traceId = '5b8efff798038103d269b633813fc60c') => ({
  traceId,
  spanId: 'eee19b7ec3c1b174',
  name,
  kind: 2,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000000',
  attributes: [{ key: 'retail.order.id', value: { stringValue: 'WEB-1' } }],
})
const request = (spans: object[]) =>
  JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'oms' } }] }, scopeSpans: [{ spans }] }],
  })
const post = (body: BodyInit, headers: Record<string, string>) => ({
  method: 'POST',
  body,
  headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
})

describe('OTLP/HTTP receiver', () => {
  it('stores a JSON request and answers an empty ExportTraceServiceResponse in JSON', async () => {
    const { app, sink } = setup()
    const response = await app.request('/v1/traces', post(request([span('oms.create_order')]), {}))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({})
    expect(sink.batches[0]).toMatchObject({ tenant: 'acme', spans: [{ name: 'oms.create_order', resource: { 'service.name': 'oms' } }] })
  })

  it('takes metrics as agents send them by default, stores none, and says so in a partial success; a caller without a key gets 401', async () => {
    const { app, sink } = setup()
    const response = await app.request('/v1/metrics', post('{"resourceMetrics":[]}', {}))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      partialSuccess: { errorMessage: 'Throughline stores traces; metrics are accepted and not stored' },
    })
    expect(sink.batches).toEqual([])
    const anonymous = await app.request('/v1/metrics', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
    expect(anonymous.status).toBe(401)
  })

  it('lets the pages of configured origins export from a browser, and no other page', async () => {
    const { app, sink } = setup(64 * 1024, ['https://shop.example.com'])
    const preflight = (origin: string) =>
      app.request('/v1/traces', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      })
    const allowed = await preflight('https://shop.example.com')
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com')
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization')
    expect((await preflight('https://evil.example.net')).headers.get('access-control-allow-origin')).toBeNull()
    const sent = await app.request('/v1/traces', post(request([span('checkout.submit')]), { origin: 'https://shop.example.com' }))
    expect(sent.status).toBe(200)
    expect(sent.headers.get('access-control-allow-origin')).toBe('https://shop.example.com')
    expect(sink.batches).toHaveLength(1)
    // Without origins configured, no page may.
    const closed = await setup().app.request('/v1/traces', post(request([span('x')]), { origin: 'https://shop.example.com' }))
    expect(closed.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('answers partial success naming the rejected spans and stores the rest', async () => {
    const { app, sink, metrics } = setup()
    const response = await app.request(
      '/v1/traces',
      post(request([span('ok'), span('', '5b8efff798038103d269b633813fc60d'), { ...span('bad id'), traceId: 'zz' }]), {}),
    )
    expect(response.status).toBe(200)
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } }
    expect(body.partialSuccess.rejectedSpans).toBe('2')
    expect(body.partialSuccess.errorMessage).not.toBe('')
    expect(sink.batches[0]!.spans.map((s) => s.name)).toEqual(['ok'])
    expect(await metrics.metrics()).toMatch(/throughline_spans_rejected_total\{reason="empty_name"\} 1/)
    expect(await metrics.metrics()).toMatch(/throughline_spans_rejected_total\{reason="invalid_trace_id"\} 1/)
  })

  it('refuses spans that start before the retention, more than a day ahead or not at all, and lists them for the tenant', async () => {
    const { app, sink, rejections } = setup()
    const at = (name: string, start: bigint, spanId: string) => ({
      ...span(name),
      spanId,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + 1000n),
    })
    const base = 1544712660000000000n
    const response = await app.request(
      '/v1/traces',
      post(
        request([
          at('today', base, '0000000000000001'),
          at('old', base - 31n * DAY_NANOS, '0000000000000002'),
          at('ahead', base + 2n * DAY_NANOS, '0000000000000003'),
          at('never', 0n, '0000000000000004'),
          at('unstorable', 2n ** 64n - 1n, '0000000000000005'),
        ]),
        {},
      ),
    )
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } }
    expect(body.partialSuccess.rejectedSpans).toBe('4')
    expect(body.partialSuccess.errorMessage).toMatch(/older than the retention/)
    expect(sink.batches[0]!.spans.map((s) => s.name)).toEqual(['today'])
    expect(rejections.recent('acme', 10).map((r) => [r.name, r.reason])).toEqual([
      ['unstorable', 'start_time_in_future'],
      ['never', 'start_time_missing'],
      ['ahead', 'start_time_in_future'],
      ['old', 'start_time_too_old'],
    ])
    expect(rejections.counts('globex')).toEqual({})
  })

  it('keeps a request spread over every day of the window whole', async () => {
    const { app, sink } = setup()
    const spans = Array.from({ length: 30 }, (_, day) => ({
      ...span(`day-${day}`),
      spanId: (day + 1).toString(16).padStart(16, '0'),
      startTimeUnixNano: String(1544712660000000000n - BigInt(day) * DAY_NANOS),
    }))
    const response = await app.request('/v1/traces', post(request(spans), {}))
    expect(await response.json()).toEqual({})
    expect(sink.batches[0]!.spans).toHaveLength(30)
  })

  it('repairs a span name cut mid-emoji instead of storing text the engine cannot parse', async () => {
    const { app, sink } = setup()
    const response = await app.request('/v1/traces', post(request([span('checkout \ud83d'), span('nul\u0000byte')]), {}))
    expect(await response.json()).toEqual({})
    expect(sink.batches[0]!.spans.map((s) => s.name)).toEqual(['checkout \ufffd', 'nul\ufffdbyte'])
  })

  it('answers 413 for a request whose resource, copied onto every span, would balloon past the limit', async () => {
    const { app, sink } = setup(1024 * 1024)
    const resource = Array.from({ length: 100 }, (_, i) => ({ key: `resource.${i}`, value: { stringValue: 'r'.repeat(1000) } }))
    const spans = Array.from({ length: 2000 }, (_, i) => ({
      ...span('tiny'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      attributes: [],
    }))
    const body = gzipSync(JSON.stringify({ resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ spans }] }] }))
    expect(body.byteLength).toBeLessThan(64 * 1024)
    const response = await app.request('/v1/traces', post(body, { 'content-encoding': 'gzip' }))
    expect(response.status).toBe(413)
    expect(((await response.json()) as { message: string }).message).toMatch(/resource attributes .* stored with each of its 2000 spans/)
    expect(sink.batches).toHaveLength(0)
  })

  it('gives a retried request the same identity, so storage can keep one copy', async () => {
    const { app, sink } = setup()
    const body = request([span('retried')])
    await app.request('/v1/traces', post(body, {}))
    await app.request('/v1/traces', post(gzipSync(body), { 'content-encoding': 'gzip' }))
    expect(sink.batches).toHaveLength(2)
    expect(sink.batches[0]!.requestId).toBe(sink.batches[1]!.requestId)
  })

  it("answers 401 without a key or with an unknown one, in the request's encoding", async () => {
    const { app } = setup()
    expect((await app.request('/v1/traces', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(
      401,
    )
    const wrong = await app.request('/v1/traces', {
      method: 'POST',
      body: new Uint8Array(0),
      headers: { 'content-type': 'application/x-protobuf', 'x-api-key': 'nope' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('content-type')).toBe('application/x-protobuf')
  })

  it('answers 415 for another content type or encoding', async () => {
    const { app } = setup()
    expect((await app.request('/v1/traces', post('x', { 'content-type': 'text/plain' }))).status).toBe(415)
    expect((await app.request('/v1/traces', post('x', { 'content-encoding': 'br' }))).status).toBe(415)
  })

  it('answers 400 for a body that cannot be decoded or decompressed', async () => {
    const { app } = setup()
    const json = await app.request('/v1/traces', post('{"resourceSpans": [', {}))
    expect(json.status).toBe(400)
    expect(((await json.json()) as { message: string }).message).toMatch(/cannot decode/)
    expect((await app.request('/v1/traces', post('not gzip at all', { 'content-encoding': 'gzip' }))).status).toBe(400)
    expect(
      (await app.request('/v1/traces', post(new Uint8Array([0x0a, 0xff, 0xff, 0xff]), { 'content-type': 'application/x-protobuf' })))
        .status,
    ).toBe(400)
  })

  it('answers 413 over the limit, also when only the decompressed body is over it (a gzip bomb)', async () => {
    const { app, sink } = setup(128 * 1024)
    expect((await app.request('/v1/traces', post('x'.repeat(200 * 1024), {}))).status).toBe(413)
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
    expect(bomb.byteLength).toBeLessThan(128 * 1024)
    const response = await app.request('/v1/traces', post(bomb, { 'content-encoding': 'gzip' }))
    expect(response.status).toBe(413)
    expect(sink.batches).toHaveLength(0)
  })

  it('answers 503 with Retry-After when storage cannot take more', async () => {
    const { app, sink } = setup()
    sink.busy = true
    const response = await app.request('/v1/traces', post(request([span('later')]), {}))
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('2')
  })
})
