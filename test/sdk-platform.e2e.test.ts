/**
 * The SDK as a customer gets it: `npm pack` in sdk/, installed into an empty project, then two
 * plain-JavaScript services there importing `@throughline/sdk`, an HTTP hop and a queue hop
 * between them, and the real platform receiving. Keys set once in the first service must be found
 * on the second service's spans.
 */
import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchResponse, TraceResponse } from '../core/index.ts'
import { installPackedSdk, type PackedSdkProject } from './fixtures/packed-sdk.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { startService } from './fixtures/service-process.ts'

const run = promisify(execFile)
const platformPackage = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
}
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url))

let platform: PlatformProcess
let project: PackedSdkProject

beforeAll(async () => {
  ;[platform, project] = await Promise.all([startPlatformProcess(['--no-demo']), installPackedSdk()])
})

afterAll(async () => {
  await Promise.all([platform?.stop(), project?.remove()])
})

describe('the packed SDK', () => {
  it("installs alone: OpenTelemetry and its module loaders, none of the platform's engine, web server or dashboard", async () => {
    const installed = await project.installed()
    expect(installed).toContain('@throughline/sdk')
    const platformOnly = Object.keys(platformPackage.dependencies).filter(
      (name) => !name.startsWith('@opentelemetry/') && name !== '@throughline/sdk',
    )
    expect(platformOnly).toEqual(expect.arrayContaining(['chdb', 'hono', 'react', 'recharts', '@clickhouse/client']))
    expect(installed.filter((name) => platformOnly.includes(name))).toEqual([])
  })

  it('gives a TypeScript service its types through the package exports', async () => {
    const source = [
      "import { init, withBusinessKeys, type InitOptions } from '@throughline/sdk'",
      "import { BusinessKey } from '@throughline/sdk/conventions'",
      "const options: InitOptions = { serviceName: 'oms', system: 'oms' }",
      'init(options)',
      "withBusinessKeys({ [BusinessKey.order]: 'A1' }, () => 1)",
      '// @ts-expect-error an unknown option is a type error',
      "init({ serviceName: 'oms', system: 'oms', colour: 'red' })",
    ].join('\n')
    await writeFile(path.join(project.dir, 'service.ts'), source)
    // A TypeScript service on Node has Node's types; OpenTelemetry's own declarations need them.
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', '@types/node@20'], { cwd: project.dir })
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', 'service.ts']
    await expect(run(process.execPath, [tsc, ...args], { cwd: project.dir })).resolves.toBeDefined()
  })
})

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${platform.apiToken}` } })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

describe('SDK across two services and a queue hop', () => {
  it('carries the order keys to a service that never names them, and links the consumer to the producer', async () => {
    const env = { OTLP_ENDPOINT: platform.otlpUrl, INGEST_KEY: platform.ingestKey }
    const oms = await startService(project.dir, 'order-management', env)
    const storefront = await startService(project.dir, 'storefront', { ...env, OMS_URL: oms.url })

    const checkout = await fetch(`${storefront.url}/checkout?order=WEB-SDK-1`, { method: 'POST' })
    expect(checkout.status).toBe(200)
    await oms.next('consumed')
    expect(await storefront.stop()).toBe(0)
    expect(await oms.stop()).toBe(0)

    const found = await api<SearchResponse>('/api/search?key=retail.order.id&value=WEB-SDK-1')
    const byName = new Map(found.spans.map((span) => [`${span.service} ${span.name}`, span]))
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining([
        'storefront order.placed',
        'order-management order.payment_authorized',
        'order-management process inventory-reservations',
        'order-management order.inventory_reserved',
      ]),
    )
    // The HTTP hop stays in the storefront's trace; the queue hop starts a trace of its own.
    const placed = byName.get('storefront order.placed')!
    expect(byName.get('order-management order.payment_authorized')!.traceId).toBe(placed.traceId)
    const consumer = byName.get('order-management process inventory-reservations')!
    expect(consumer.traceId).not.toBe(placed.traceId)
    expect(found.traces).toHaveLength(2)

    const consumerTrace = await api<TraceResponse>(`/api/traces/${consumer.traceId}`)
    const consumerSpan = consumerTrace.spans.find((span) => span.spanId === consumer.spanId)!
    expect(consumerSpan.kind).toBe('consumer')
    expect(consumerSpan.links).toHaveLength(1)
    expect(consumerSpan.links[0]!.traceId).toBe(placed.traceId)
    expect(consumerSpan.businessKeys).toEqual({ 'retail.order.id': 'WEB-SDK-1' })
    expect(consumerSpan.attributes).toMatchObject({ 'retail.store.id': 'store-007', 'retail.channel': 'web' })
    expect(consumerSpan.attributes).not.toHaveProperty('internalNote')
    expect(consumerSpan.resource['retail.system']).toBe('oms')

    // The producer side shows where its message went.
    const producerTrace = await api<TraceResponse>(`/api/traces/${placed.traceId}`)
    const producer = producerTrace.spans.find((span) => span.spanId === consumerSpan.links[0]!.spanId)!
    expect(producer.linkedFrom).toEqual([{ traceId: consumer.traceId, spanId: consumer.spanId, attributes: {} }])
  })
})
