import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MetricRegistry, tenantDirectory, type SpanRecord } from '../../core/index.ts'
import { DEFAULT_DECODE_LIMITS } from '../otlp/index.ts'
import { createReceiverApp } from './receiver-app.ts'
import type { SinkResult, SpanSink } from './span-sink.ts'

const KEY = 'acme-ingest-key-0001'
const tenants = tenantDirectory([{ name: 'acme', ingestKeys: [KEY], apiTokens: ['acme-api-token-00001'] }])

class RecordingSink implements SpanSink {
  readonly batches: { tenant: string; spans: readonly SpanRecord[]; requestId: string }[] = []
  busy = false
  accept(tenant: string, spans: readonly SpanRecord[], requestId: string): Promise<SinkResult> {
    if (this.busy) return Promise.resolve({ kind: 'busy', retryAfterSeconds: 2, reason: 'spool full' })
    this.batches.push({ tenant, spans, requestId })
    return Promise.resolve({ kind: 'stored' })
  }
}

function setup(maxRequestBytes = 64 * 1024) {
  const sink = new RecordingSink()
  const metrics = new MetricRegistry()
  const app = createReceiverApp({ tenants, sink, metrics, maxRequestBytes, limits: DEFAULT_DECODE_LIMITS, log: () => {} })
  return { app, sink, metrics }
}

const span = (name: string, traceId = '5b8efff798038103d269b633813fc60c') => ({
  traceId, spanId: 'eee19b7ec3c1b174', name, kind: 2, startTimeUnixNano: '1544712660000000000', endTimeUnixNano: '1544712661000000000',
  attributes: [{ key: 'retail.order.id', value: { stringValue: 'WEB-1' } }],
})
const request = (spans: object[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'oms' } }] }, scopeSpans: [{ spans }] }] })
const post = (body: BodyInit, headers: Record<string, string>) => ({ method: 'POST', body, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers } })

describe('OTLP/HTTP receiver', () => {
  it('stores a JSON request and answers an empty ExportTraceServiceResponse in JSON', async () => {
    const { app, sink } = setup()
    const response = await app.request('/v1/traces', post(request([span('oms.create_order')]), {}))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({})
    expect(sink.batches[0]).toMatchObject({ tenant: 'acme', spans: [{ name: 'oms.create_order', resource: { 'service.name': 'oms' } }] })
  })

  it('answers partial success naming the rejected spans and stores the rest', async () => {
    const { app, sink, metrics } = setup()
    const response = await app.request('/v1/traces', post(request([span('ok'), span('', '5b8efff798038103d269b633813fc60d'), { ...span('bad id'), traceId: 'zz' }]), {}))
    expect(response.status).toBe(200)
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } }
    expect(body.partialSuccess.rejectedSpans).toBe('2')
    expect(body.partialSuccess.errorMessage).not.toBe('')
    expect(sink.batches[0]!.spans.map((s) => s.name)).toEqual(['ok'])
    expect(metrics.render()).toMatch(/throughline_spans_rejected_total\{reason="invalid_span"\} 2/)
  })

  it('gives a retried request the same identity, so storage can keep one copy', async () => {
    const { app, sink } = setup()
    const body = request([span('retried')])
    await app.request('/v1/traces', post(body, {}))
    await app.request('/v1/traces', post(gzipSync(body), { 'content-encoding': 'gzip' }))
    expect(sink.batches).toHaveLength(2)
    expect(sink.batches[0]!.requestId).toBe(sink.batches[1]!.requestId)
  })

  it('answers 401 without a key or with an unknown one, in the request\'s encoding', async () => {
    const { app } = setup()
    expect((await app.request('/v1/traces', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401)
    const wrong = await app.request('/v1/traces', { method: 'POST', body: new Uint8Array(0), headers: { 'content-type': 'application/x-protobuf', 'x-api-key': 'nope' } })
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
    expect((await app.request('/v1/traces', post(new Uint8Array([0x0a, 0xff, 0xff, 0xff]), { 'content-type': 'application/x-protobuf' }))).status).toBe(400)
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
