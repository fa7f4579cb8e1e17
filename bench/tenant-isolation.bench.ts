/**
 * One tenant cannot stall another. The platform runs as `npm start` runs it, with two tenants:
 * `acme` holds a week of spans and, in the loaded phase, loops the heaviest estate reads over
 * their widest window (seven days) from eight concurrent clients; `globex` meanwhile sends small
 * OTLP requests and loads its overview page (the four reads the page makes at once). Printed:
 * globex's acknowledgement and overview latency, p50/p95/p99, quiet and under acme's load, from
 * the same number of samples each, and the ratio of the p95s.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate, openWarehouse, sql, tableRef, typed, type SchemaTarget } from '../storage/index.ts'
import { MIGRATIONS } from '../platform/index.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ACME_SPANS = Number(process.env.BENCH_ACME_SPANS ?? 1_000_000)
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000)
const HEAVY_CLIENTS = 8
const HEAVY_READS = ['hops', 'slow-traces', 'failed-traces', 'failed-messages', 'latency', 'stock']
const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const tenants = {
  acme: { ingest: 'acme-ingest-key-0000001', api: 'acme-api-token-00000001' },
  globex: { ingest: 'globex-ingest-key-00001', api: 'globex-api-token-000001' },
}

/** A week of acme's spans, made inside the engine before the platform starts: five services, queue links between them. */
async function seed(dataDir: string): Promise<void> {
  const warehouse = openWarehouse({ kind: 'embedded', dataDir, database: target.database })
  await migrate(warehouse, target, MIGRATIONS)
  const step = Math.floor((7 * 86_400_000) / ACME_SPANS)
  await warehouse.command(sql`
    INSERT INTO ${tableRef(target, 'spans')} (Tenant, Timestamp, TraceId, SpanId, ParentSpanId, SpanName, SpanKind, ServiceName, Duration, StatusCode, RetailSystem, Stage, SpanAttributes, BusinessKeys, \`Links.TraceId\`, \`Links.SpanId\`, \`Links.TraceState\`, \`Links.Attributes\`)
    SELECT 'acme', now64(9) - toIntervalMillisecond(number * ${typed(step, 'UInt64')}),
      lower(hex(MD5(toString(intDiv(number, 5))))), substring(lower(hex(MD5(toString(number)))), 1, 16), '',
      ['checkout.place_order', 'oms.accept_order', 'payment.authorize', 'erp.create_sales_order', 'wms.reserve'][number % 5 + 1],
      ['server', 'consumer', 'client', 'consumer', 'consumer'][number % 5 + 1], ['storefront', 'order-management', 'payment-service', 'erp-gateway', 'warehouse-management'][number % 5 + 1],
      1000000 + number % 977 * 1000, if(number % 97 = 0, 'error', 'unset'), ['ecommerce', 'oms', 'payment', 'erp', 'wms'][number % 5 + 1], '',
      map('retail.store.id', concat('store-', toString(number % 40)), 'retail.channel', 'web', 'messaging.destination.name', 'sales-orders', 'retail.inventory.on_hand', toString(number % 50)),
      map('retail.order.id', concat('ORD-', toString(intDiv(number, 10))), 'retail.sku', concat('SKU-', toString(number % 300))),
      if(number % 5 IN (1, 3), [lower(hex(MD5(toString(intDiv(number, 5) + 1))))], []), if(number % 5 IN (1, 3), [substring(lower(hex(MD5(toString(number - 1)))), 1, 16)], []),
      if(number % 5 IN (1, 3), [''], []), if(number % 5 IN (1, 3), [map('messaging.system', 'rabbitmq')], [])
    FROM numbers(${typed(ACME_SPANS, 'UInt64')})`)
  await warehouse.close()
}

interface Platform {
  child: ChildProcess
  url: string
  otlpUrl: string
}

function startPlatform(dataDir: string, config: string): Promise<Platform> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/throughline.ts', '--no-demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      THROUGHLINE_PORT: '0',
      THROUGHLINE_OTLP_PORT: '0',
      THROUGHLINE_OTLP_GRPC_PORT: '0',
      THROUGHLINE_DATA: dataDir,
      THROUGHLINE_CONFIG: config,
      // The banner this reads is the one a terminal gets.
      THROUGHLINE_LOG_FORMAT: 'pretty',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}:\n${output}`)))
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const dashboard = /Dashboard:\s+(http:\/\/[^\s/]+)/.exec(output)
      const otlp = /OTLP\/HTTP:\s+(http:\/\/\S+)\/v1\/traces/.exec(output)
      if (dashboard && otlp) resolve({ child, url: dashboard[1]!, otlpUrl: otlp[1]! })
    })
  })
}

const hex = (n: number, bytes: number): string => n.toString(16).padStart(bytes * 2, '0')
let sent = 0

/** One small OTLP/JSON request of globex: ten spans of one trace. */
function globexRequest(): string {
  const trace = hex(++sent, 16)
  const start = BigInt(Date.now()) * 1_000_000n
  const spans = Array.from({ length: 10 }, (_, i) => ({
    traceId: trace,
    spanId: hex(sent * 16 + i + 1, 8),
    name: i === 0 ? 'POST /orders' : 'erp.post_invoice',
    kind: 2,
    startTimeUnixNano: String(start),
    endTimeUnixNano: String(start + 3_000_000n),
    attributes: [{ key: 'retail.order.id', value: { stringValue: `G-${sent}` } }],
  }))
  return JSON.stringify({
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'globex-oms' } }] }, scopeSpans: [{ spans }] }],
  })
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

async function ack(platform: Platform): Promise<void> {
  const response = await fetch(`${platform.otlpUrl}/v1/traces`, {
    method: 'POST',
    body: globexRequest(),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenants.globex.ingest}` },
  })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`globex's request answered ${response.status}`)
}

/** The overview page's four reads, at once, as the page makes them. */
async function overview(platform: Platform): Promise<void> {
  const to = new Date()
  const from = new Date(to.getTime() - 3_600_000)
  const window = `from=${from.toISOString()}&to=${to.toISOString()}`
  const reads = [`/api/estate/hops?${window}`, `/api/journeys/stats/status?${window}`, '/api/alerts?state=firing,pending', '/api/overview']
  await Promise.all(
    reads.map(async (read) => {
      const response = await fetch(`${platform.url}${read}`, { headers: { authorization: `Bearer ${tenants.globex.api}` } })
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`${read} answered ${response.status}`)
    }),
  )
}

/** Samples of globex's acknowledgements and overview loads, the two taken side by side. */
async function sample(platform: Platform): Promise<{ acks: number[]; overviews: number[] }> {
  const acks: number[] = []
  const overviews: number[] = []
  await Promise.all([
    (async () => {
      while (acks.length < SAMPLES) acks.push(await timed(() => ack(platform)))
    })(),
    (async () => {
      while (overviews.length < SAMPLES) overviews.push(await timed(() => overview(platform)))
    })(),
  ])
  return { acks, overviews }
}

/** acme's clients looping the heaviest reads over seven days until told to stop; answers how many they made and how many were refused with 429. */
function heavyLoad(platform: Platform): { stop: () => Promise<{ reads: number; refused: number }> } {
  let stopping = false
  let reads = 0
  let refused = 0
  const client = async (offset: number): Promise<void> => {
    for (let i = offset; !stopping; i++) {
      const to = new Date()
      const from = new Date(to.getTime() - 7 * 86_400_000 + 60_000)
      const response = await fetch(
        `${platform.url}/api/estate/${HEAVY_READS[i % HEAVY_READS.length]}?from=${from.toISOString()}&to=${to.toISOString()}`,
        { headers: { authorization: `Bearer ${tenants.acme.api}` } },
      )
      await response.arrayBuffer()
      if (response.status === 429) {
        refused++
        await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000))
      } else reads++
    }
  }
  const clients = Array.from({ length: HEAVY_CLIENTS }, (_, i) => client(i))
  return {
    stop: async () => {
      stopping = true
      await Promise.all(clients)
      return { reads, refused }
    },
  }
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const describe = (values: readonly number[]): string =>
  `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} / p99 ${percentile(values, 99).toFixed(1)} ms`

const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-isolation-bench-'))
const config = path.join(dataDir, 'throughline.yaml')
writeFileSync(
  config,
  `tenants:\n${Object.entries(tenants)
    .map(([name, t]) => `  - { name: ${name}, ingest_keys: ["${t.ingest}"], api_tokens: ["${t.api}"] }`)
    .join('\n')}\n`,
)
await seed(dataDir)
const platform = await startPlatform(dataDir, config)
try {
  // Warm both paths before either phase is timed.
  for (let i = 0; i < 20; i++) await Promise.all([ack(platform), overview(platform)])
  const quiet = await sample(platform)
  const load = heavyLoad(platform)
  const loaded = await sample(platform)
  const heavy = await load.stop()
  console.log(
    `   acme: ${ACME_SPANS.toLocaleString('en-US')} spans over 7 days; ${HEAVY_CLIENTS} clients looping ${HEAVY_READS.join(', ')} over 7 days (${heavy.reads} reads answered, ${heavy.refused} refused with 429 while sampling)`,
  )
  console.log(`   globex, ${SAMPLES} samples each, quiet then under acme's load:`)
  console.log(
    `     OTLP acknowledgement   quiet ${describe(quiet.acks)}   loaded ${describe(loaded.acks)}   p95 ratio ${(percentile(loaded.acks, 95) / percentile(quiet.acks, 95)).toFixed(2)}`,
  )
  console.log(
    `     overview page (4 reads) quiet ${describe(quiet.overviews)}   loaded ${describe(loaded.overviews)}   p95 ratio ${(percentile(loaded.overviews, 95) / percentile(quiet.overviews, 95)).toFixed(2)}`,
  )
} finally {
  const exited = new Promise((resolve) => platform.child.once('exit', resolve))
  platform.child.kill('SIGINT')
  await exited
  rmSync(dataDir, { recursive: true, force: true })
}
