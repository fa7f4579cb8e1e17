import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
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
  decode(body: Uint8Array): { resourceSpans: OtlpResourceSpans[] }
}
interface OtlpValue {
  stringValue?: string
  intValue?: unknown
  boolValue?: boolean
}
interface OtlpAttribute {
  key: string
  value: OtlpValue
}
interface OtlpSpan {
  name: string
  kind: number
  traceId: Uint8Array
  spanId: Uint8Array
  attributes: OtlpAttribute[]
  links: { traceId: Uint8Array; spanId: Uint8Array }[]
}
interface OtlpResourceSpans {
  resource: { attributes: OtlpAttribute[] }
  scopeSpans: { spans: OtlpSpan[] }[]
}

/** A span as the receiver got it, ids in hex, attributes flattened. */
interface ReceivedSpan {
  service: string | undefined
  system: string | undefined
  authorization: string | undefined
  name: string
  kind: number
  traceId: string
  spanId: string
  attributes: Record<string, unknown>
  links: { traceId: string; spanId: string }[]
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const flatten = (attributes: OtlpAttribute[]): Record<string, unknown> =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? String(value.intValue)]))

const SERVER = 2
const CONSUMER = 5

// The storefront takes a checkout, calls the OMS over HTTP and publishes the order to a queue.
// Only it names the order: the OMS code below never mentions business keys.
const storefront = `
  import http from 'node:http'
  import { init, withBusinessKeys, stage, produce } from ${JSON.stringify(sdkEntry)}
  const tracing = init({ serviceName: 'storefront', system: 'ecommerce', endpoint: process.env.COLLECTOR,
    apiKey: 'ingest-key', keyAliases: { orderId: 'retail.order.id' } })
  const post = (url) => new Promise((resolve, reject) => {
    http.request(url, { method: 'POST' }, (res) => res.resume().on('end', resolve)).on('error', reject).end()
  })
  const server = http.createServer((req, res) => {
    withBusinessKeys({ orderId: 'A1', 'retail.channel': 'web', 'customer.email': 'shopper@example.com' }, async () => {
      stage('order.placed')
      await post(process.env.OMS_URL + '/reserve')
      const headers = produce('orders', {})
      process.send({ deliver: { headers, body: { order: 'A1' } } })
      res.end('placed')
    }).catch((error) => { res.statusCode = 500; res.end(String(error)) })
  }).listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  process.on('message', async (m) => { if (m === 'stop') { await tracing.shutdown(); process.exit(0) } })
`
const oms = `
  import http from 'node:http'
  import { init, stage, consume } from ${JSON.stringify(sdkEntry)}
  const tracing = init({ serviceName: 'oms', system: 'oms', endpoint: process.env.COLLECTOR, apiKey: 'ingest-key' })
  const server = http.createServer((req, res) => {
    stage('order.inventory_reserved')
    res.end('reserved')
  }).listen(0, '127.0.0.1', () => process.send({ port: server.address().port }))
  process.on('message', async (m) => {
    if (m === 'stop') { await tracing.shutdown(); process.exit(0) }
    if (m.deliver) consume(m.deliver.headers, 'orders', () => stage('order.erp_created'))
  })
`

function startService(code: string, env: Record<string, string>): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = new Promise<number>((resolve, reject) => {
    child.on('message', (message: { port?: number }) => {
      if (message.port !== undefined) resolve(message.port)
    })
    child.on('exit', (code) => reject(new Error(`service exited with ${code}`)))
  })
  return { child, port }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.send('stop')
  await exited
}

describe('two services, an HTTP call and a queue hop', () => {
  const received: ReceivedSpan[] = []
  let collector: http.Server
  let storefrontService: ChildProcess
  let omsService: ChildProcess

  beforeAll(async () => {
    collector = http
      .createServer((req, res) => {
        const chunks: Buffer[] = []
        req
          .on('data', (chunk: Buffer) => chunks.push(chunk))
          .on('end', () => {
            for (const resourceSpans of ExportTraceServiceRequest.decode(Buffer.concat(chunks)).resourceSpans) {
              const resource = flatten(resourceSpans.resource.attributes)
              for (const span of resourceSpans.scopeSpans.flatMap((scope) => scope.spans)) {
                received.push({
                  service: resource['service.name'] as string,
                  system: resource['retail.system'] as string,
                  authorization: req.headers.authorization,
                  name: span.name,
                  kind: span.kind,
                  traceId: hex(span.traceId),
                  spanId: hex(span.spanId),
                  attributes: flatten(span.attributes),
                  links: span.links.map((link) => ({ traceId: hex(link.traceId), spanId: hex(link.spanId) })),
                })
              }
            }
            res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
          })
      })
      .listen(0, '127.0.0.1')
    await once(collector, 'listening')
    const collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`

    const omsStarted = startService(oms, { COLLECTOR: collectorUrl })
    omsService = omsStarted.child
    const omsPort = await omsStarted.port
    const storefrontStarted = startService(storefront, { COLLECTOR: collectorUrl, OMS_URL: `http://127.0.0.1:${omsPort}` })
    storefrontService = storefrontStarted.child
    const storefrontPort = await storefrontStarted.port
    // The storefront hands the message to the test, which delivers it like a broker would.
    storefrontService.on('message', (message: { deliver?: unknown }) => {
      if (message.deliver) omsService.send(message)
    })

    const response = await fetch(`http://127.0.0.1:${storefrontPort}/checkout`, { method: 'POST' })
    expect(await response.text()).toBe('placed')
    // Stop the storefront first so the delivery is in before the OMS flushes.
    await stop(storefrontService)
    await stop(omsService)
  })

  afterAll(() => {
    storefrontService?.kill()
    omsService?.kill()
    collector?.close()
  })

  const spansOf = (service: string) => received.filter((span) => span.service === service)
  const named = (service: string, name: string): ReceivedSpan => {
    const span = spansOf(service).find((candidate) => candidate.name === name)
    if (span === undefined)
      throw new Error(
        `${service} sent no span ${name}; got ${spansOf(service)
          .map((s) => s.name)
          .join(', ')}`,
      )
    return span
  }

  it('exports from both services with their resource and the ingest key', () => {
    expect(named('storefront', 'order.placed')).toMatchObject({ system: 'ecommerce', authorization: 'Bearer ingest-key' })
    expect(named('oms', 'order.inventory_reserved')).toMatchObject({ system: 'oms', authorization: 'Bearer ingest-key' })
  })

  it("carries the storefront's keys onto the OMS spans over HTTP, in the same trace", () => {
    const placed = named('storefront', 'order.placed')
    const server = spansOf('oms').find((span) => span.kind === SERVER)!
    const reserved = named('oms', 'order.inventory_reserved')
    for (const span of [server, reserved]) {
      expect(span.traceId).toBe(placed.traceId)
      expect(span.attributes).toMatchObject({ 'retail.order.id': 'A1', 'retail.channel': 'web' })
    }
    expect(reserved.attributes['retail.journey.stage']).toBe('order.inventory_reserved')
  })

  it('keeps keys that are not allow-listed inside the service that set them', () => {
    expect(named('storefront', 'order.placed').attributes['customer.email']).toBe('shopper@example.com')
    expect(spansOf('oms').some((span) => 'customer.email' in span.attributes)).toBe(false)
  })

  it('links the OMS consumer span to the storefront producer across the queue, with the keys', () => {
    const producer = named('storefront', 'send orders')
    const consumer = named('oms', 'process orders')
    expect(consumer.kind).toBe(CONSUMER)
    expect(consumer.links).toEqual([{ traceId: producer.traceId, spanId: producer.spanId }])
    expect(consumer.traceId).not.toBe(producer.traceId)
    expect(consumer.attributes['retail.order.id']).toBe('A1')
    expect(named('oms', 'order.erp_created')).toMatchObject({ traceId: consumer.traceId, attributes: { 'retail.order.id': 'A1' } })
  })

  it('does not trace its own exports', () => {
    expect(received.some((span) => String(span.attributes['http.target'] ?? span.attributes['url.path']).startsWith('/v1/traces'))).toBe(
      false,
    )
  })
})
