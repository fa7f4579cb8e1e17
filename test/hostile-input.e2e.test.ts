/**
 * Nothing a client sends stops ingestion. The platform is run as `npm start` runs it and sent,
 * one after another, the inputs real exporters produce by accident and a seeded fuzz of both
 * OTLP encodings. After every case one good span is sent and must be queryable within seconds,
 * the process must be alive, and the spool must drain back to empty.
 */
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { IngestRejectionsResponse, TraceResponse } from '../core/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { eventually } from './fixtures/wait.ts'

let platform: PlatformProcess

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
})

afterAll(async () => {
  expect(await platform.stop()).toBe(0)
})

const DAY_NANOS = 86_400_000_000_000n
const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n
const hex = (bytes: number): string => randomBytes(bytes).toString('hex')

interface Answer {
  status: number
  body: string
}

async function send(
  body: Uint8Array<ArrayBuffer> | string,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${platform.otlpUrl}/v1/traces`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${platform.ingestKey}`, 'content-type': contentType, ...headers },
  })
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()).toString('utf8') }
}

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${platform.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${platform.apiToken}`, ...init.headers },
  })
  const text = await response.text()
  return {
    status: response.status,
    body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T,
    headers: response.headers,
  }
}

const jsonSpan = (fields: Record<string, unknown> = {}): Record<string, unknown> => {
  const start = nowNanos()
  return {
    traceId: hex(16),
    spanId: hex(8),
    name: 'oms.create_order',
    kind: 2,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 1_000_000n),
    ...fields,
  }
}
const jsonRequest = (spans: object[], resource: object[] = [{ key: 'service.name', value: { stringValue: 'hostile-test' } }]): string =>
  JSON.stringify({ resourceSpans: [{ resource: { attributes: resource }, scopeSpans: [{ spans }] }] })

/** A protobuf request from the official serializer, with one span named `name`. */
function protobufRequest(name: string, traceId = hex(16)): Uint8Array<ArrayBuffer> {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'hostile-test' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })
  const span = provider.getTracer('hostile').startSpan(name, { attributes: { 'retail.order.id': `ORD-${traceId.slice(0, 6)}` } })
  span.end()
  const spans = exporter.getFinishedSpans().map((s) => ({ ...s, spanContext: () => ({ ...s.spanContext(), traceId }) }))
  return new Uint8Array(ProtobufTraceSerializer.serializeRequest(spans)!)
}

/** Replaces the bytes of `marker` in `bytes` with `replacement`, of the same length so every length prefix still holds. */
function patched(bytes: Uint8Array, marker: string, replacement: number[]): Uint8Array<ArrayBuffer> {
  const at = Buffer.from(bytes).indexOf(Buffer.from(marker))
  if (at < 0 || replacement.length !== marker.length) throw new Error('marker not found or lengths differ')
  const out = Uint8Array.from(bytes)
  out.set(replacement, at)
  return out
}

/** One good span: it must be stored and found, the spool empty again, and the process alive. */
async function stillIngests(after: string): Promise<void> {
  const traceId = hex(16)
  const answer = await send(jsonRequest([jsonSpan({ traceId, name: `good after ${after}` })]))
  expect(answer, after).toEqual({ status: 200, body: '{}' })
  const trace = await eventually(
    async () => {
      const found = await api<TraceResponse>(`/api/traces/${traceId}`)
      return found.status === 200 ? found.body : undefined
    },
    `the good span sent after ${after}`,
    15_000,
  )
  expect(trace.spans.map((s) => s.name)).toEqual([`good after ${after}`])
  await eventually(
    async () => /throughline_spool_bytes 0\b/.test((await api<string>('/metrics')).body) || undefined,
    `the spool to drain after ${after}`,
    15_000,
  )
  expect(platform.child.exitCode).toBeNull()
}

describe('hostile and broken input', () => {
  it('stores a span whose name was cut mid-emoji, with the cut marked, and goes on', async () => {
    const traceId = hex(16)
    expect(
      await send(
        jsonRequest([
          jsonSpan({ traceId, name: 'checkout \ud83d', attributes: [{ key: 'note\ud800', value: { stringValue: 'a\u0000b' } }] }),
        ]),
      ),
    ).toEqual({ status: 200, body: '{}' })
    const trace = await eventually(async () => {
      const t = await api<TraceResponse>(`/api/traces/${traceId}`)
      return t.status === 200 ? t.body : undefined
    }, 'the repaired span')
    expect(trace.spans[0]).toMatchObject({ name: 'checkout \ufffd', attributes: { 'note\ufffd': 'a\ufffdb' } })
    await stillIngests('a lone surrogate')
  })

  it('refuses the spans of a request spread over 101 days that lie outside the retention, and stores the rest', async () => {
    const traceId = hex(16)
    const spans = Array.from({ length: 101 }, (_, day) =>
      jsonSpan({ traceId, name: `day-${day}`, startTimeUnixNano: String(nowNanos() - BigInt(day) * DAY_NANOS) }),
    )
    const answer = await send(jsonRequest(spans))
    expect(answer.status).toBe(200)
    const partial = JSON.parse(answer.body) as { partialSuccess: { rejectedSpans: string; errorMessage: string } }
    expect(Number(partial.partialSuccess.rejectedSpans)).toBe(71)
    expect(partial.partialSuccess.errorMessage).toMatch(/older than the retention/)
    const trace = await eventually(async () => {
      const t = await api<TraceResponse>(`/api/traces/${traceId}`)
      return t.status === 200 && t.body.spans.length === 30 ? t.body : undefined
    }, 'the 30 days inside the retention')
    expect(trace.spans).toHaveLength(30)
    await stillIngests('a request over 101 days')
  })

  it('refuses a start time more than a day ahead or beyond what can be stored', async () => {
    const answer = await send(
      jsonRequest([
        jsonSpan({ startTimeUnixNano: String(nowNanos() + 3n * DAY_NANOS) }),
        jsonSpan({ startTimeUnixNano: '18446744073709551615' }),
      ]),
    )
    expect(JSON.parse(answer.body)).toMatchObject({ partialSuccess: { rejectedSpans: '2' } })
    await stillIngests('timestamps from a broken clock')
  })

  it('refuses a million-digit integer without freezing the receiver', async () => {
    const traceId = hex(16)
    const sent = send(
      jsonRequest([
        jsonSpan({ traceId, name: 'huge int', attributes: [{ key: 'retail.amount', value: { intValue: '9'.repeat(1_000_000) } }] }),
      ]),
    )
    // The event loop stays free: a health check sent meanwhile is answered.
    expect((await fetch(`${platform.url}/healthz`)).status).toBe(200)
    expect((await sent).status).toBe(200)
    const trace = await eventually(async () => {
      const t = await api<TraceResponse>(`/api/traces/${traceId}`)
      return t.status === 200 ? t.body : undefined
    }, 'the span with the huge integer')
    expect(trace.spans[0]!.attributes['retail.amount']).toBe('')
    await stillIngests('a million-digit integer')
  })

  it('answers 413 for 100 KB of gzip whose resource would be copied onto every span', async () => {
    const resource = Array.from({ length: 64 }, (_, i) => ({ key: `host.tag.${i}`, value: { stringValue: 'x'.repeat(8000) } }))
    const spans = Array.from({ length: 20_000 }, () => ({
      traceId: '0123456789abcdef0123456789abcdef',
      spanId: '0123456789abcdef',
      name: 'n',
      startTimeUnixNano: String(nowNanos()),
    }))
    const body = gzipSync(jsonRequest(spans, resource))
    expect(body.byteLength).toBeLessThan(100 * 1024)
    const answer = await send(body, 'application/json', { 'content-encoding': 'gzip' })
    expect(answer.status).toBe(413)
    expect(answer.body).toMatch(/stored with each of its 20000 spans/)
    await stillIngests('a resource bomb')
  })

  it('stores protobuf strings with NUL and invalid UTF-8 as text the store takes', async () => {
    const traceId = hex(16)
    const body = patched(protobufRequest('NAME_WITH_BAD_BYTES', traceId), 'NAME_WITH_BAD_BYTES', [
      0x4e,
      0x00,
      0x4d,
      0xff,
      0xfe,
      0xed,
      0xa0,
      0x80,
      ...Buffer.from('H_BAD_BYTES'),
    ])
    expect((await send(body, 'application/x-protobuf')).status).toBe(200)
    const trace = await eventually(async () => {
      const t = await api<TraceResponse>(`/api/traces/${traceId}`)
      return t.status === 200 ? t.body : undefined
    }, 'the protobuf span')
    // NUL, two bytes that are never UTF-8 and an encoded lone surrogate (three bytes, three marks).
    expect(trace.spans[0]!.name).toBe('N\ufffdM\ufffd\ufffd\ufffd\ufffd\ufffdH_BAD_BYTES')
    await stillIngests('bad bytes in protobuf')
  })

  it('answers 400, 401, 413 and 415 as the specification says, and stays up', async () => {
    expect((await send('{"resourceSpans": [')).status).toBe(400)
    expect((await send(protobufRequest('x').subarray(0, 40), 'application/x-protobuf')).status).toBe(400)
    expect((await send('null')).status).toBe(400)
    expect((await send(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), 'application/json', { 'content-encoding': 'gzip' })).status).toBe(
      413,
    )
    expect((await send('x', 'text/plain')).status).toBe(415)
    expect(
      (await fetch(`${platform.otlpUrl}/v1/traces`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(401)
    await stillIngests('undecodable requests')
  })

  it('survives a seeded fuzz of both encodings: every answer a 200, 400 or 413, never a failure', async () => {
    let state = 0x5eed
    const random = (): number => {
      state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0
      return state / 4294967296
    }
    const hostile = ['\ud800', '\u0000', '9'.repeat(400), '-', '1e400', '{"a":', '\\', '"', '18446744073709551616', '', ' ', '\ufffe']
    const statuses = new Map<number, number>()
    for (let round = 0; round < 120; round++) {
      let answer: Answer
      if (round % 2 === 0) {
        const bytes = protobufRequest(`fuzz-${round}`)
        // Flip, drop or insert a few bytes anywhere, lengths included.
        for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
        const cut = random() < 0.2 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes
        answer = await send(cut, 'application/x-protobuf')
      } else {
        const span = jsonSpan({ name: `fuzz-${round}`, attributes: [{ key: 'k', value: { intValue: '1' } }] })
        const fields = ['traceId', 'spanId', 'name', 'startTimeUnixNano', 'endTimeUnixNano', 'kind']
        const field = fields[Math.floor(random() * fields.length)]!
        span[field] = hostile[Math.floor(random() * hostile.length)]
        span.attributes = [
          {
            key: hostile[Math.floor(random() * hostile.length)],
            value: {
              [['intValue', 'stringValue', 'doubleValue', 'bytesValue'][Math.floor(random() * 4)]!]:
                hostile[Math.floor(random() * hostile.length)],
            },
          },
        ]
        answer = await send(jsonRequest([span]))
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
      expect([200, 400, 413], `fuzz round ${round} answered ${answer.status}: ${answer.body.slice(0, 200)}`).toContain(answer.status)
    }
    expect(statuses.get(200)).toBeGreaterThan(0)
    await stillIngests('the fuzz')
  })

  it('lists what it refused for the tenant that sent it', async () => {
    const listed = await api<IngestRejectionsResponse>('/api/ingest/rejections')
    expect(listed.status).toBe(200)
    // The fuzz adds refusals of its own to the cases above.
    expect(listed.body.rejectedByReason.start_time_too_old).toBeGreaterThanOrEqual(71)
    expect(listed.body.rejectedByReason.start_time_in_future).toBeGreaterThanOrEqual(2)
    expect(listed.body.recent[0]).toMatchObject({ source: 'receiver', service: 'hostile-test' })
    const metrics = (await api<string>('/metrics')).body
    expect(metrics).toMatch(
      new RegExp(`throughline_spans_rejected_total\\{reason="start_time_too_old"\\} ${listed.body.rejectedByReason.start_time_too_old}\\b`),
    )
  })
})

describe('the query edge', () => {
  it('refuses a request without a token before any work, and a JSON route answers 400 for a body that is not an object', async () => {
    expect((await fetch(`${platform.url}/api/journeys`)).status).toBe(401)
    for (const body of ['null', '[]', '42', 'not json']) {
      const answer = await api<{ error: { code: string } }>('/api/alerts/some-alert/silence', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      })
      expect(answer.status, body).toBe(400)
      expect(answer.body.error.code).toBe('bad_request')
    }
  })

  it('serves the dashboard with a content security policy that forbids framing and sniffing', async () => {
    const page = await fetch(`${platform.url}/`)
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
  })

  it('refuses a journey window longer than a month', async () => {
    const from = new Date(Date.now() - 40 * 86_400_000).toISOString()
    expect((await api(`/api/journeys/stats/status?from=${from}`)).status).toBe(400)
  })
})
