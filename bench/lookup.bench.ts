/**
 * Lookup latency of one order's traces (`GET /api/search` through the span store) at 1M and at
 * 10M stored spans, on the embedded engine, with the production schema and indexes. Spans are
 * generated inside ClickHouse (INSERT ... SELECT FROM numbers()) so the run stays short: ten
 * spans an order over two traces, spread over seven days. Targets: p99 under 50 ms at 10M,
 * and less than 1.5x growth from 1M to 10M.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createSpanStore, DEFAULT_VOCABULARY, keyRecogniser } from '../spans/index.ts'
import { identifier, migrate, openWarehouse, sql, tableRef, typed, type SchemaTarget } from '../storage/index.ts'
import { MIGRATIONS } from '../platform/index.ts'

const TENANT = 'bench'
const SPANS_PER_ORDER = 10
const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-lookup-bench-'))
const warehouse = openWarehouse({ kind: 'embedded', dataDir, database: target.database })
await migrate(warehouse, target, MIGRATIONS)
const store = createSpanStore(warehouse, target, keyRecogniser(DEFAULT_VOCABULARY))

/** Appends spans numbered [from, to): order n/10, trace n/5, over the last seven days. */
async function generate(from: number, to: number, total: number): Promise<void> {
  const orders = total / SPANS_PER_ORDER
  await warehouse.command(sql`
    INSERT INTO ${tableRef(target, 'spans')} (Tenant, Timestamp, TraceId, SpanId, ParentSpanId, SpanName, SpanKind, ServiceName, Duration, StatusCode, RetailSystem, Stage, SpanAttributes, BusinessKeys)
    SELECT ${TENANT}, now64(9) - toIntervalMillisecond(intDiv(number, ${SPANS_PER_ORDER}) * intDiv(${7 * 86_400_000}, ${orders}) + number % ${SPANS_PER_ORDER} * 150),
      lower(hex(MD5(toString(intDiv(number, 5))))), substring(lower(hex(MD5(toString(number)))), 1, 16), '',
      ['checkout.place_order', 'oms.accept_order', 'payment.authorize', 'erp.create_sales_order', 'wms.reserve'][number % 5 + 1],
      'server', ['storefront', 'order-management', 'payment-service', 'erp-gateway', 'warehouse-management'][number % 5 + 1],
      1000000 + number % 977 * 1000, if(number % 97 = 0, 'error', 'unset'), ['ecommerce', 'oms', 'payment', 'erp', 'wms'][number % 5 + 1], '',
      map('retail.store.id', concat('store-', toString(number % 40)), 'retail.channel', 'web'),
      map('retail.order.id', concat('ORD-', toString(intDiv(number, ${SPANS_PER_ORDER}))))
    FROM numbers(${typed(from, 'UInt64')}, ${typed(to - from, 'UInt64')})`)
}

async function measure(orders: number, samples: number): Promise<{ p50: number; p99: number }> {
  const timings: number[] = []
  for (let i = 0; i < samples; i++) {
    const order = `ORD-${Math.floor((((i * 7919) % samples) / samples) * orders)}`
    const started = performance.now()
    const found = await store.search(TENANT, 'retail.order.id', order)
    timings.push(performance.now() - started)
    if (found.traces.length !== 2 || found.spans.length !== SPANS_PER_ORDER)
      throw new Error(`${order}: ${found.traces.length} traces, ${found.spans.length} spans`)
  }
  timings.sort((a, b) => a - b)
  return { p50: timings[Math.floor(samples * 0.5)]!, p99: timings[Math.floor(samples * 0.99)]! }
}

/** Waits for background merges to finish, so both sizes are measured in the steady state. */
async function settle(): Promise<void> {
  for (;;) {
    const [row] = await warehouse.rows<{ n: string }>(sql`SELECT count() AS n FROM system.merges`)
    if (Number(row!.n) === 0) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const count = async (): Promise<number> =>
  Number((await warehouse.rows<{ n: string }>(sql`SELECT count() AS n FROM ${identifier('throughline.spans')}`))[0]!.n)
const rss = (): string => `${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`
let peakRss = 0
const watch = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}, 100)

const SMALL = 1_000_000
const LARGE = 10_000_000
let started = performance.now()
// Both sizes share one layout: orders are spread over seven days whatever the size.
for (let from = 0; from < SMALL; from += 1_000_000) await generate(from, from + 1_000_000, LARGE)
console.log(
  `   generated ${(await count()).toLocaleString('en')} spans in ${((performance.now() - started) / 1000).toFixed(1)} s (rss ${rss()})`,
)
await settle()
const small = await measure(SMALL / SPANS_PER_ORDER, 300)
console.log(`   1M spans:  one order's traces p50 ${small.p50.toFixed(1)} ms, p99 ${small.p99.toFixed(1)} ms`)

started = performance.now()
for (let from = SMALL; from < LARGE; from += 1_000_000) await generate(from, from + 1_000_000, LARGE)
console.log(`   generated ${(await count()).toLocaleString('en')} spans in ${((performance.now() - started) / 1000).toFixed(1)} s`)
await settle()
const large = await measure(LARGE / SPANS_PER_ORDER, 300)
console.log(`   10M spans: one order's traces p50 ${large.p50.toFixed(1)} ms, p99 ${large.p99.toFixed(1)} ms (target < 50 ms)`)
console.log(
  `   growth 1M -> 10M: p99 ${(large.p99 / small.p99).toFixed(2)}x (target < 1.5x); peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
)
clearInterval(watch)
await warehouse.close()
rmSync(dataDir, { recursive: true, force: true })
