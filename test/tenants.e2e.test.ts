/**
 * Tenants from the config file, through the running platform: two retailers send the same
 * order id; each sees only its own, a tenant asking for the other's trace gets 404, and the
 * process refuses to listen beyond loopback without keys.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { SearchResponse } from '../core/index.ts'
import { logRecords, startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'

const acme = { ingest: 'acme-ingest-key-000001', token: 'acme-api-token-0000001' }
const globex = { ingest: 'globex-ingest-key-00001', token: 'globex-api-token-000001' }
let platform: PlatformProcess

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tl-tenants-'))
  const config = path.join(dir, 'throughline.yaml')
  writeFileSync(
    config,
    `tenants:
  - { name: acme, ingest_keys: ["${acme.ingest}"], api_tokens: ["${acme.token}"] }
  - { name: globex, ingest_keys: ["${globex.ingest}"], api_tokens: ["${globex.token}"] }
`,
  )
  platform = await startPlatformProcess(['--no-demo'], { THROUGHLINE_CONFIG: config })
})

afterAll(async () => {
  await platform.stop()
})

async function send(ingestKey: string, service: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [
      new SimpleSpanProcessor(
        new OTLPTraceExporter({ url: `${platform.otlpUrl}/v1/traces`, headers: { authorization: `Bearer ${ingestKey}` } }),
      ),
    ],
  })
  const span = provider.getTracer('tenants').startSpan('oms.create_order', { attributes: { 'retail.order.id': 'ORDER-1001' } })
  span.end()
  await provider.shutdown()
  return span.spanContext().traceId
}

const get = (route: string, token: string) => fetch(`${platform.url}${route}`, { headers: { authorization: `Bearer ${token}` } })

describe('tenants', () => {
  it("keep the same order id apart, and a tenant cannot read another tenant's trace", async () => {
    const acmeTrace = await send(acme.ingest, 'acme-oms')
    const globexTrace = await send(globex.ingest, 'globex-oms')

    const acmeFound = (await (await get('/api/search?key=retail.order.id&value=ORDER-1001', acme.token)).json()) as SearchResponse
    const globexFound = (await (await get('/api/search?key=retail.order.id&value=ORDER-1001', globex.token)).json()) as SearchResponse
    expect(acmeFound.traces.map((t) => [t.traceId, t.services])).toEqual([[acmeTrace, ['acme-oms']]])
    expect(globexFound.traces.map((t) => [t.traceId, t.services])).toEqual([[globexTrace, ['globex-oms']]])

    expect((await get(`/api/traces/${acmeTrace}`, acme.token)).status).toBe(200)
    expect((await get(`/api/traces/${acmeTrace}`, globex.token)).status).toBe(404)
  })

  it('refuses a non-loopback address without keys, before listening', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/throughline.ts', '--no-demo'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: {
        ...process.env,
        THROUGHLINE_HOST: '0.0.0.0',
        THROUGHLINE_PORT: '0',
        THROUGHLINE_OTLP_PORT: '0',
        THROUGHLINE_OTLP_GRPC_PORT: '0',
        THROUGHLINE_DATA: mkdtempSync(path.join(tmpdir(), 'tl-open-')),
      },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.status).toBe(1)
    expect(logRecords(result.stdout).at(-1)).toMatchObject({
      level: 'fatal',
      msg: 'cannot start',
      err: { message: expect.stringContaining('refusing to listen on 0.0.0.0 without configured keys') },
    })
  })
})
