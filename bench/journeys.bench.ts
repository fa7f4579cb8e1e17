/**
 * Journey lookup and listing latency at 1M and then 10M spans on the embedded engine. Spans are
 * generated inside ClickHouse (INSERT ... SELECT from numbers(), through the same materialized
 * views as real inserts): orders of ten spans in two traces each, one in five with a payment
 * key on two spans, most complete, the rest stopped at some stage, a few failed. Each figure is
 * measured at both sizes in one run and printed side by side with the ratio.
 * Targets (the ingest issue's): one journey p99 under 50 ms at 10M spans, a list under 200 ms.
 * Then every read the dashboard's pages make, over the widest window they offer (7 days), each
 * called 5 times after a warm-up, in the process (not through HTTP): the p50 and the slowest.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { autoStepSeconds } from '../core/index.ts'
import { createEstateStore } from '../estate/index.ts'
import { createJourneyStore, createJourneySummariser, DEFAULT_JOURNEYS, stageGraph } from '../journeys/index.ts'
import { migrate, openWarehouse, sql, tableRef, type SchemaTarget } from '../storage/index.ts'
import { MIGRATIONS } from '../platform/index.ts'

const SPANS_PER_ORDER = 10
/** Calls of each page read, after one to warm it; `JOURNEY_BENCH_PAGE_CALLS` sets another number. */
const PAGE_CALLS = Number(process.env.JOURNEY_BENCH_PAGE_CALLS ?? 5)
const WEEK_MS = 7 * 24 * 3_600_000
const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-bench-journeys-'))
const warehouse = openWarehouse({ kind: 'embedded', dataDir, database: target.database })
// No lag: nothing is inserted while the bench reads, so every pass may summarise up to now.
const summaries = createJourneySummariser(warehouse, target, DEFAULT_JOURNEYS.map(stageGraph), {
  lagMs: 0,
  onError: (error) => {
    throw error
  },
})
const journeys = createJourneyStore(warehouse, target, DEFAULT_JOURNEYS, { summaries })
const estate = createEstateStore(warehouse, target)
const now = Date.now()

/** Generates spans `from` to `to` (span numbers), orders spread over the last week. */
async function generate(from: number, to: number, totalOrders: number): Promise<void> {
  const spread = Math.floor(WEEK_MS / totalOrders)
  await warehouse.command(sql`
    INSERT INTO ${tableRef(target, 'spans')} (Tenant, Timestamp, TraceId, SpanId, SpanName, SpanKind, ServiceName, SpanAttributes, ResourceAttributes, StatusCode, RetailSystem, Stage, BusinessKeys)
    SELECT 'bench', fromUnixTimestamp64Milli(toInt64(${now - WEEK_MS} + k * ${spread} + j * 120000)),
      concat(leftPad(lower(hex(cityHash64(k, intDiv(j, 4)))), 16, '0'), leftPad(lower(hex(cityHash64(intDiv(j, 4), k))), 16, '0')), leftPad(lower(hex(cityHash64(number))), 16, '0'),
      concat('op-', toString(j)), 'internal', system, attributes, map('service.name', system), if(k % 50 = 7 AND j = 3, 'error', 'unset'), system, stage, keys
    FROM (
      SELECT number, intDiv(number, ${SPANS_PER_ORDER}) AS k, number % ${SPANS_PER_ORDER} AS j,
        ['ecommerce', 'payment', 'wms', 'erp', if(k % 3 = 0, 'wms', 'pos'), 'pos', 'erp', 'oms', 'oms', 'oms'][j + 1] AS system,
        if(j >= if(k % 10 < 7, 10, 1 + k % 7), '', ['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created',
          if(k % 3 = 0, 'order.shipped', 'order.ready_for_pickup'), if(k % 3 = 0, '', 'order.picked_up'), 'order.invoiced', '', '', ''][j + 1]) AS stage,
        concat('BENCH-', toString(k)) AS orderId,
        if(j IN (1, 6) AND k % 5 = 0, map('retail.order.id', orderId, 'retail.payment.id', concat('PAY-', toString(k))), map('retail.order.id', orderId)) AS keys,
        map('retail.order.id', orderId, 'retail.journey.stage', stage, 'retail.store.id', concat('store-', toString(k % 200)),
          'retail.channel', ['web', 'app', 'marketplace'][k % 3 + 1], 'retail.region', ['north', 'south', 'east', 'west'][k % 4 + 1]) AS attributes
      FROM numbers(${from}, ${to - from})
    )
    SETTINGS max_insert_threads = 2`)
}

async function timed(run: () => Promise<unknown>, rounds: number, before?: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await run()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    await before?.()
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! }
}

type Figures = Record<string, { p50: number; p99: number }>

async function measure(orders: number): Promise<Figures> {
  const at = new Date(now)
  const key = (): string => `BENCH-${Math.floor(Math.random() * orders)}`
  const page = { limit: 50, offset: 0, sort: 'newest' as const }
  return {
    // 400 lookups, so the p99 is the fourth slowest and not the slowest but one.
    'lookup one order': await timed(() => journeys.lookup('bench', 'order', key(), at), 400),
    'list orders, newest 50': await timed(() => journeys.list('bench', 'order', page, at), 10),
    // A stage span of one order lands just before the list, which summarises it on the way.
    'same, one order just moved on': await timed(
      () => journeys.list('bench', 'order', page, at),
      10,
      () =>
        warehouse.command(sql`
      INSERT INTO ${tableRef(target, 'spans')} (Tenant, Timestamp, TraceId, SpanId, SpanName, ServiceName, RetailSystem, Stage, BusinessKeys)
      VALUES ('bench', now64(9), ${`moved-${Math.random()}`}, 'a1', 'op-move', 'oms', 'oms', 'order.invoiced', map('retail.order.id', ${key()}))`),
    ),
    'list stalled orders of a store': await timed(
      () => journeys.list('bench', 'order', { ...page, status: 'stalled', store: 'store-42' }, at),
      10,
    ),
    'list orders of the last day': await timed(() => journeys.list('bench', 'order', { ...page, fromMs: now - 86_400_000 }, at), 10),
    'counts by status': await timed(() => journeys.statusCounts('bench', {}, at), 5),
  }
}

/** Every read the overview, IT, operations and finance pages make, over the last 7 days (the widest range they offer). */
async function measurePages(): Promise<Figures> {
  const at = new Date(now)
  const week = { fromMs: now - WEEK_MS, toMs: now }
  const scope = { tenant: 'bench', from: new Date(week.fromMs), to: at }
  const step = autoStepSeconds(WEEK_MS)
  const page = { limit: 50, offset: 0, sort: 'oldest' as const, ...week }
  const reads: Record<string, () => Promise<unknown>> = {
    'journeys, status counts': () => journeys.statusCounts('bench', week, at),
    'journeys, late orders 20': () => journeys.list('bench', 'order', { ...page, limit: 20, status: 'late' }, at),
    'journeys, stage latency': () => journeys.latency('bench', 'order', 'store', week, at),
    'journeys, order trends': () => journeys.trends('bench', 'order', week, step, at),
    'journeys, promotions': () => journeys.promotions('bench', week, at),
    'journeys, store sales': () => journeys.storeSales('bench', week, at),
    'journeys, settlements': () => journeys.settlements('bench', week, at),
    'journeys, refunds': () => journeys.refunds('bench', week, at),
    'journeys, taxes': () => journeys.taxes('bench', week, at),
    'journeys, duplicates': () => journeys.duplicates('bench', week),
    'journeys, stock decrements': () => journeys.stockDecrements('bench', week, at),
    'estate, hops': () => estate.hops(scope),
    'estate, latency series': () => estate.latency(scope, step),
    'estate, slow traces': () => estate.traces(scope, 'slowest'),
    'estate, failed traces': () => estate.traces(scope, 'failed'),
    'estate, failed messages': () => estate.messages(scope, at),
    'estate, stock': () => estate.stock(scope, { tolerance: 2, settleSeconds: 120 }),
    'estate, filter values': () => estate.filterValues(scope),
  }
  const figures: Figures = {}
  for (const [name, read] of Object.entries(reads)) {
    figures[name] = await timed(read, PAGE_CALLS)
    console.log(`   … ${name}: p50 ${figures[name].p50.toFixed(0)} ms, slowest ${figures[name].p99.toFixed(0)} ms`)
  }
  return figures
}

/** Waits, up to a minute, for background merges to catch up, so reads meet the steady state a live platform has. */
async function settle(): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < 60_000) {
    const [merging] = await warehouse.rows<{ merges: string }>(
      sql`SELECT toString(count()) AS merges FROM system.merges WHERE database = ${target.database}`,
    )
    if (Number(merging?.merges ?? 0) === 0) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return (performance.now() - started) / 1000
}

async function sizes(): Promise<string> {
  const rows = await warehouse.rows<{ name: string; rows: string; parts: string }>(sql`
    SELECT table AS name, toString(sum(rows)) AS rows, toString(count()) AS parts FROM system.parts
    WHERE database = ${target.database} AND active AND table IN ${['spans', 'journey_stages', 'journey_summaries']} GROUP BY table ORDER BY table`)
  return rows.map((row) => `${row.name} ${Number(row.rows).toLocaleString('en')} rows in ${row.parts} parts`).join(', ')
}

/** The sizes measured, in spans; `JOURNEY_BENCH_SPANS=1000000,3000000` picks others. */
const SIZES = (process.env.JOURNEY_BENCH_SPANS ?? '1000000,10000000').split(',').map(Number)

function row(name: string, figures: readonly { p50: number; p99: number }[]): string {
  const cells = figures.map((f) => `${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)}`).join(' ')
  const ratio = figures.length > 1 ? ` ${(figures.at(-1)!.p99 / figures[0]!.p99).toFixed(2).padStart(8)}x` : ''
  return `   ${name.padEnd(32)} ${cells}${ratio}`
}

async function main(): Promise<void> {
  await migrate(warehouse, target, MIGRATIONS)
  const largest = Math.max(...SIZES)
  const totalOrders = largest / SPANS_PER_ORDER
  const results: Figures[] = []
  let generated = 0
  for (const size of SIZES) {
    const started = performance.now()
    for (let from = generated; from < size; from += 1_000_000) await generate(from, Math.min(size, from + 1_000_000), totalOrders)
    generated = size
    const generatedIn = (performance.now() - started) / 1000
    const summarising = performance.now()
    await summaries.pass()
    const summarisedIn = (performance.now() - summarising) / 1000
    const settledIn = await settle()
    console.log(
      `   ${(size / 1e6).toFixed(0)}M spans: generated in ${generatedIn.toFixed(1)} s, journeys summarised in ${summarisedIn.toFixed(1)} s, merges settled in ${settledIn.toFixed(1)} s (${await sizes()})`,
    )
    results.push({ ...(await measure(size / SPANS_PER_ORDER)), ...(await measurePages()) })
  }
  console.log(
    `   ${'ms'.padEnd(32)} ${SIZES.map((size) => `${`${size / 1e6}M p50`.padStart(8)} ${`${size / 1e6}M p99`.padStart(8)}`).join(' ')}${SIZES.length > 1 ? '  p99 ratio' : ''}`,
  )
  for (const name of Object.keys(results[0]!))
    console.log(
      row(
        name,
        results.map((figures) => figures[name]!),
      ),
    )
  console.log(`   p99 of ${PAGE_CALLS} or 10 calls is the slowest of them; of 400 lookups, the fourth slowest`)
}

try {
  await main()
} finally {
  await warehouse.close()
  rmSync(dataDir, { recursive: true, force: true })
}
