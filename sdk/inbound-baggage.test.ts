import { spawn } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ExportTraceServiceRequest as OfficialTraceRequest } from '../test/fixtures/otlp-protobuf.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const sdkEntry = fileURLToPath(new URL('./index.ts', import.meta.url))
// Decoded by protobufjs over the official OTLP definitions, as a real collector would.
const ExportTraceServiceRequest = OfficialTraceRequest as unknown as {
  decode(body: Uint8Array): {
    resourceSpans: { scopeSpans: { spans: { name: string; attributes: { key: string; value: { stringValue?: string } }[] }[] }[] }[]
  }
}

// A storefront at the edge of the estate: the internet calls it, so it takes no keys from callers.
const edge = `
  import http from 'node:http'
  import { init, stage, withBusinessKeys } from ${JSON.stringify(sdkEntry)}
  const tracing = init({ serviceName: 'storefront', system: 'ecommerce', endpoint: process.env.COLLECTOR })
  const server = http.createServer((req, res) => {
    stage('cart.viewed')
    withBusinessKeys({ 'retail.order.id': 'REAL-1' }, () => new Promise((done) => {
      http.request(process.env.DOWNSTREAM, { method: 'POST' }, (answer) => answer.resume().on('end', done)).end()
    })).then(() => res.end('ok'))
  }).listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  process.on('message', async (m) => { if (m === 'stop') { await tracing.shutdown(); process.exit(0) } })
`

describe('inbound baggage at the edge of the estate', () => {
  const spans: { name: string; attributes: Record<string, string | undefined> }[] = []
  const downstreamBaggage: (string | undefined)[] = []
  const servers: http.Server[] = []

  beforeAll(async () => {
    const collector = http
      .createServer((req, res) => {
        const chunks: Buffer[] = []
        req
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () => {
            for (const resource of ExportTraceServiceRequest.decode(Buffer.concat(chunks)).resourceSpans) {
              for (const span of resource.scopeSpans.flatMap((scope) => scope.spans)) {
                spans.push({ name: span.name, attributes: Object.fromEntries(span.attributes.map((a) => [a.key, a.value.stringValue])) })
              }
            }
            res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
          })
      })
      .listen(0, '127.0.0.1')
    const downstream = http
      .createServer((req, res) => {
        downstreamBaggage.push(req.headers.baggage as string | undefined)
        res.end()
      })
      .listen(0, '127.0.0.1')
    servers.push(collector, downstream)
    await Promise.all([once(collector, 'listening'), once(downstream, 'listening')])
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', edge], {
      cwd: repoRoot,
      env: {
        ...process.env,
        THROUGHLINE_TRUST_INBOUND_BAGGAGE: 'false',
        COLLECTOR: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        DOWNSTREAM: `http://127.0.0.1:${(downstream.address() as AddressInfo).port}/`,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const [{ port }] = (await once(child, 'message')) as [{ port: number }]
    const response = await fetch(`http://127.0.0.1:${port}/cart`, {
      headers: { baggage: 'retail.order.id=FORGED-9,retail.store.id=S-FAKE' },
    })
    expect(await response.text()).toBe('ok')
    const exited = once(child, 'exit')
    child.send('stop')
    await exited
  })

  afterAll(() => {
    for (const server of servers) server.close()
  })

  it("puts no key a caller sent on the service's spans", () => {
    expect(spans.map((s) => s.name)).toContain('cart.viewed')
    expect(JSON.stringify(spans)).not.toMatch(/FORGED|S-FAKE/)
  })

  it('still sends its own keys to the services it calls', () => {
    expect(downstreamBaggage).toEqual([expect.stringContaining('retail.order.id=REAL-1')])
    expect(downstreamBaggage[0]).not.toMatch(/FORGED|S-FAKE/)
  })
})
