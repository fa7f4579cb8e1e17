/**
 * End-to-end ingest rate against ClickHouse's own: OTLP protobuf requests of 2,000 spans from 4
 * concurrent senders into the platform process (receiver, spool with group fsync, batched drain
 * into the spans table and its index views), timed until every span is stored and queryable,
 * over OTLP/HTTP and again over OTLP/gRPC (one channel, as an exporter keeps one);
 * beside it, the same spans as plain JSONEachRow inserts of 2,000 rows into an `otel_traces`
 * table (the OpenTelemetry Collector exporter's layout) through chDB in this process. Printed
 * as a ratio (target >= 0.8), with the platform's peak RSS and its fsync group sizes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client, credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js'
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { DEFAULT_DECODE_LIMITS, decodeTraces, type DecodedTraces } from '../collector/index.ts'
import { DEFAULT_VOCABULARY, keyRecogniser, toSpanRow } from '../spans/index.ts'
import { openWarehouse, sql } from '../storage/index.ts'

const SPANS_PER_REQUEST = 2000
const SENDERS = 4
const REQUESTS_PER_ROUND = 40
/** Raw and end-to-end rounds alternate, so load from elsewhere on the machine falls on both. */
const ROUNDS = 5
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const run = Date.now().toString(36)

const exporter = new InMemorySpanExporter()
const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'order-management', 'retail.system': 'oms' }),
  spanProcessors: [new SimpleSpanProcessor(exporter)],
})
const tracer = provider.getTracer('bench')

/** A round's requests, built with the OpenTelemetry SDK and its protobuf serializer; order ids are unique per round. */
function buildRequests(round: number): Uint8Array<ArrayBuffer>[] {
  const bodies: Uint8Array<ArrayBuffer>[] = []
  for (let request = 0; request < REQUESTS_PER_ROUND; request++) {
    for (let i = 0; i < SPANS_PER_REQUEST; i++) {
      const span = tracer.startSpan(i % 2 ? 'POST /orders' : 'erp.post_invoice', {
        kind: i % 2 ? SpanKind.SERVER : SpanKind.CLIENT,
        attributes: {
          'retail.order.id': orderId(round, request, Math.floor(i / 20)),
          'retail.store.id': `store-${i % 12}`,
          'retail.channel': 'web',
          'retail.amount': 129.95,
          'http.request.method': 'POST',
          'http.response.status_code': 200,
          'url.path': '/orders',
          'retail.sku': `SKU-${i % 50}`,
        },
      })
      if (i % 10 === 0) span.addEvent('retail.retry', { 'retail.retry.attempt': 1 })
      if (i % 97 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: 'ERP timeout' })
      span.end()
    }
    bodies.push(new Uint8Array(ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!))
    exporter.reset()
  }
  return bodies
}

/** A bench request's spans; the bench builds only bodies that decode. */
function decoded(body: Uint8Array): DecodedTraces {
  const result = decodeTraces('protobuf', body, DEFAULT_DECODE_LIMITS)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

const orderId = (round: number, request: number, order: number): string => `BENCH-${run}-${round}-${request}-${order}`
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** ClickHouse's raw rate: the same spans in plain 2,000-row inserts into an otel_traces table. */
async function openRawTarget(): Promise<{ insertRate(bodies: readonly Uint8Array[]): Promise<number>; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-bench-raw-'))
  const warehouse = openWarehouse({ kind: 'embedded', dataDir, database: 'bench' })
  await warehouse.command(sql`CREATE DATABASE IF NOT EXISTS bench`)
  await warehouse.command(sql`CREATE TABLE bench.otel_traces (
    Timestamp DateTime64(9) CODEC(Delta, ZSTD(1)), TraceId String CODEC(ZSTD(1)), SpanId String CODEC(ZSTD(1)), ParentSpanId String CODEC(ZSTD(1)),
    TraceState String CODEC(ZSTD(1)), SpanName LowCardinality(String) CODEC(ZSTD(1)), SpanKind LowCardinality(String) CODEC(ZSTD(1)),
    ServiceName LowCardinality(String) CODEC(ZSTD(1)), ResourceAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    ScopeName String CODEC(ZSTD(1)), ScopeVersion String CODEC(ZSTD(1)), SpanAttributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
    Duration UInt64 CODEC(ZSTD(1)), StatusCode LowCardinality(String) CODEC(ZSTD(1)), StatusMessage String CODEC(ZSTD(1)),
    Events Nested (Timestamp DateTime64(9), Name LowCardinality(String), Attributes Map(LowCardinality(String), String)) CODEC(ZSTD(1)),
    Links Nested (TraceId String, SpanId String, TraceState String, Attributes Map(LowCardinality(String), String)) CODEC(ZSTD(1)),
    INDEX idx_trace_id TraceId TYPE bloom_filter(0.001) GRANULARITY 1,
    INDEX idx_res_attr_key mapKeys(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_res_attr_value mapValues(ResourceAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_key mapKeys(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_span_attr_value mapValues(SpanAttributes) TYPE bloom_filter(0.01) GRANULARITY 1,
    INDEX idx_duration Duration TYPE minmax GRANULARITY 1
  ) ENGINE = MergeTree PARTITION BY toDate(Timestamp) ORDER BY (ServiceName, SpanName, toDateTime(Timestamp))
  TTL toDateTime(Timestamp) + toIntervalDay(180) SETTINGS index_granularity = 8192, ttl_only_drop_parts = 1`)
  const keys = keyRecogniser(DEFAULT_VOCABULARY)
  return {
    async insertRate(bodies) {
      // Rows are made before the clock starts: this is the database's rate alone.
      const texts = bodies.map((body) =>
        Buffer.from(
          decoded(body)
            .spans.map((span) => {
              const { Tenant: _t, RetailSystem: _r, Stage: _s, BusinessKeys: _b, ...otel } = toSpanRow('bench', span, keys)
              return `${JSON.stringify(otel)}\n`
            })
            .join(''),
        ),
      )
      const started = performance.now()
      for (const text of texts) await warehouse.insertRaw(sql`bench.otel_traces`, [text])
      return (bodies.length * SPANS_PER_REQUEST) / ((performance.now() - started) / 1000)
    },
    async close() {
      await warehouse.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

interface Platform {
  child: ChildProcess
  url: string
  otlpUrl: string
  otlpGrpcAddress: string
  ingestKey: string
  apiToken: string
}

function startPlatform(dataDir: string): Promise<Platform> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/throughline.ts', '--no-demo'], {
    cwd: ROOT,
    env: {
      ...process.env,
      THROUGHLINE_PORT: '0',
      THROUGHLINE_OTLP_PORT: '0',
      THROUGHLINE_OTLP_GRPC_PORT: '0',
      THROUGHLINE_DATA: dataDir,
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
      const dashboard = /Dashboard:\s+(http:\/\/\S+?)\/\?token=(\S+)/.exec(output)
      const otlp = /OTLP\/HTTP:\s+(http:\/\/\S+)\/v1\/traces/.exec(output)
      const grpc = /OTLP\/gRPC:\s+(\S+)/.exec(output)
      const key = /Ingest key:\s+(\S+)/.exec(output)
      if (dashboard && otlp && grpc && key)
        resolve({
          child,
          url: dashboard[1]!,
          apiToken: decodeURIComponent(dashboard[2]!),
          otlpUrl: otlp[1]!,
          otlpGrpcAddress: grpc[1]!,
          ingestKey: key[1]!,
        })
    })
  })
}

/** Sums of a Prometheus series (and its histogram parts) in /metrics text. */
function metric(text: string, name: string): number {
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0)
}

/** How a request reaches the receiver: true once taken, false when it should be sent again later. */
type Send = (body: Uint8Array<ArrayBuffer>) => Promise<boolean>

/** OTLP/HTTP protobuf, as the SDK's exporter posts it. */
function httpSend(platform: Platform): Send {
  return async (body) => {
    const response = await fetch(`${platform.otlpUrl}/v1/traces`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${platform.ingestKey}` },
    })
    await response.arrayBuffer()
    if (response.status === 200) return true
    if (response.status !== 503 && response.status !== 429) throw new Error(`the receiver answered ${response.status}`)
    return false
  }
}

/** OTLP/gRPC on one channel, as a gRPC exporter keeps one: the same protobuf bytes as the HTTP body. */
function grpcSend(platform: Platform): Send & { close(): void } {
  const client = new Client(platform.otlpGrpcAddress, credentials.createInsecure(), { 'grpc.max_send_message_length': -1 })
  const metadata = new Metadata()
  metadata.set('authorization', `Bearer ${platform.ingestKey}`)
  const send = (body: Uint8Array<ArrayBuffer>): Promise<boolean> =>
    new Promise((resolve, reject) => {
      client.makeUnaryRequest(
        '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        metadata,
        (error: ServiceError | null) => {
          if (!error) resolve(true)
          else if (error.code === status.UNAVAILABLE || error.code === status.RESOURCE_EXHAUSTED) resolve(false)
          else reject(error)
        },
      )
    })
  return Object.assign(send, { close: () => client.close() })
}

/** End to end: protobuf from 4 senders until every span of the round is stored and found. */
async function endToEndRate(platform: Platform, send: Send, bodies: readonly Uint8Array<ArrayBuffer>[], round: number): Promise<number> {
  const alreadyStored = metric(await scrape(platform), 'throughline_spans_stored_total')
  const total = bodies.length * SPANS_PER_REQUEST
  let next = 0
  const sender = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]!
      while (!(await send(body))) {
        refused++
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: SENDERS }, sender))
  while (metric(await scrape(platform), 'throughline_spans_stored_total') < alreadyStored + total)
    await new Promise((resolve) => setTimeout(resolve, 10))
  const seconds = (performance.now() - started) / 1000
  const last = orderId(round, bodies.length - 1, SPANS_PER_REQUEST / 20 - 1)
  const found = (await (
    await fetch(`${platform.url}/api/search?key=retail.order.id&value=${last}`, {
      headers: { authorization: `Bearer ${platform.apiToken}` },
    })
  ).json()) as { spans: unknown[] }
  if (found.spans.length !== 20) throw new Error(`order ${last} has ${found.spans.length} spans stored, not 20`)
  return total / seconds
}

const scrape = async (platform: Platform): Promise<string> =>
  (await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${platform.apiToken}` } })).text()
let refused = 0

const raw = await openRawTarget()
const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-bench-e2e-'))
const platform = await startPlatform(dataDir)
const rates = { raw: [] as number[], e2e: [] as number[], grpc: [] as number[] }
const viaGrpc = grpcSend(platform)
let kib = 0
let metrics = ''
let peakRssMiB = 0
try {
  for (let round = 0; round < ROUNDS; round++) {
    const bodies = buildRequests(round)
    kib = bodies.reduce((sum, body) => sum + body.byteLength, 0) / bodies.length / 1024
    rates.raw.push(await raw.insertRate(bodies))
    rates.e2e.push(await endToEndRate(platform, httpSend(platform), bodies, round))
    // The same requests again over gRPC, under order ids of a round of their own.
    rates.grpc.push(await endToEndRate(platform, viaGrpc, buildRequests(ROUNDS + round), ROUNDS + round))
  }
  metrics = await scrape(platform)
  peakRssMiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${platform.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
} finally {
  viaGrpc.close()
  const exited = new Promise((resolve) => platform.child.once('exit', resolve))
  platform.child.kill('SIGINT')
  await exited
  rmSync(dataDir, { recursive: true, force: true })
  await raw.close()
}
const requests = 2 * ROUNDS * REQUESTS_PER_ROUND
const groups = metric(metrics, 'throughline_spool_fsync_group_records_count')
const inserts = metric(metrics, 'throughline_insert_duration_seconds_count')
const format = (values: readonly number[]): string => values.map((value) => value.toFixed(0)).join(', ')
console.log(
  `   ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests of ${SPANS_PER_REQUEST} spans (${kib.toFixed(0)} KiB protobuf each), ${SENDERS} concurrent senders`,
)
console.log(
  `   ClickHouse raw insert (otel_traces, 2,000-row JSONEachRow inserts): ${median(rates.raw).toFixed(0)} spans/s (rounds: ${format(rates.raw)})`,
)
console.log(
  `   Throughline end to end (OTLP/HTTP, spool, drain, until queryable):  ${median(rates.e2e).toFixed(0)} spans/s (rounds: ${format(rates.e2e)})`,
)
console.log(
  `   Throughline end to end (OTLP/gRPC, same requests, one channel):     ${median(rates.grpc).toFixed(0)} spans/s (rounds: ${format(rates.grpc)})`,
)
console.log(
  `   ratio of medians: ${(median(rates.e2e) / median(rates.raw)).toFixed(2)} (target >= 0.8); gRPC against HTTP ${(median(rates.grpc) / median(rates.e2e)).toFixed(2)}`,
)
console.log(
  `   spool: ${groups} fsyncs for ${requests} requests (${(requests / Math.max(groups, 1)).toFixed(1)} requests per fsync, mean write+fsync ${((metric(metrics, 'throughline_spool_fsync_duration_seconds_sum') / Math.max(groups, 1)) * 1000).toFixed(1)} ms); ${refused} requests answered 503`,
)
console.log(
  `   drain: ${inserts} inserts (${((requests * SPANS_PER_REQUEST) / Math.max(inserts, 1)).toFixed(0)} spans each, mean ${((metric(metrics, 'throughline_insert_duration_seconds_sum') / Math.max(inserts, 1)) * 1000).toFixed(0)} ms)`,
)
console.log(
  `   peak RSS: platform process ${peakRssMiB.toFixed(0)} MiB, this process (chDB raw inserts) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
)
