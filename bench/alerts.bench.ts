/**
 * Alerting figures, printed side by side:
 * 1. Time from a breaching span's arrival (the receiver's 200) to the signed webhook, through the
 *    whole platform in this process, at a 5 s interval. Target: within the interval plus 2 s.
 * 2. The cost of one evaluation round of 100 rules (every rule type, grouped and not) at 1M and
 *    then 10M spans on the embedded engine, spans generated inside ClickHouse through the same
 *    materialized views as real inserts, spread over the last day; then each rule type's
 *    statements alone, and one SLA rule outside the hundred whose `where` names an attribute the
 *    journey state does not keep, so it also reads spans.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { MetricRegistry, SILENT_LOG } from '../telemetry/index.ts'
import {
  alertsSectionSchema,
  createAlertService,
  evaluateRound,
  fetchObservations,
  memoryAlertStore,
  registerAlertMetrics,
  type AlertRule,
} from '../alerts/index.ts'
import { DEFAULT_JOURNEYS } from '../journeys/index.ts'
import { migrate, openWarehouse, sql, tableRef, type SchemaTarget } from '../storage/index.ts'
import { loadSettings, startPlatform, MIGRATIONS } from '../platform/index.ts'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const INTERVAL_S = 5
const SAMPLES = 6
const DAY_MS = 86_400_000

/** A webhook receiver that resolves one promise per request, in arrival order. */
async function webhookReceiver(): Promise<{ url: string; next(): Promise<void>; close(): Promise<void> }> {
  const arrivals: (() => void)[] = []
  const pending: Promise<void>[] = []
  const expect = (): void => {
    pending.push(new Promise((resolve) => arrivals.push(resolve)))
  }
  expect()
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(204).end()
      expect()
      arrivals.shift()?.()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    next: () => pending.shift()!,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function breachToWebhook(): Promise<number[]> {
  const hook = await webhookReceiver()
  const dir = mkdtempSync(path.join(tmpdir(), 'tl-bench-alerts-e2e-'))
  const ingest = 'bench-alerts-ingest-01'
  writeFileSync(
    path.join(dir, 'throughline.yaml'),
    `tenants:
  - { name: bench, ingest_keys: ["${ingest}"], api_tokens: ["bench-alerts-token-001"] }
alerts:
  interval: ${INTERVAL_S}s
  channels: [{ name: hook, type: webhook, url: "${hook.url}/hook", secret: "bench-alerts-secret-01" }]
  rules: [{ name: slow-invoices, type: latency, service: erp-gateway, span: erp.post_invoice, threshold_ms: 1000, window: 1m, group_by: [store], channels: [hook] }]
`,
  )
  const settings = loadSettings(
    {
      THROUGHLINE_PORT: '0',
      THROUGHLINE_OTLP_PORT: '0',
      THROUGHLINE_OTLP_GRPC_PORT: '0',
      THROUGHLINE_DATA: path.join(dir, 'data'),
      THROUGHLINE_CONFIG: path.join(dir, 'throughline.yaml'),
      THROUGHLINE_DEMO: '0',
    },
    dir,
  )
  const platform = await startPlatform(settings, SILENT_LOG)
  const latencies: number[] = []
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const end = Date.now() * 1e6
      const span = {
        traceId: `${'ab'.repeat(15)}${String(i).padStart(2, '0')}`,
        spanId: `${'cd'.repeat(7)}${String(i).padStart(2, '0')}`,
        name: 'erp.post_invoice',
        kind: 3,
        startTimeUnixNano: String(end - 2_500 * 1e6),
        endTimeUnixNano: String(end),
        attributes: [
          { key: 'retail.store.id', value: { stringValue: `store-${i}` } },
          { key: 'retail.order.id', value: { stringValue: `BENCH-${i}` } },
        ],
      }
      const body = {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'erp-gateway' } }] },
            scopeSpans: [{ scope: { name: 'bench' }, spans: [span] }],
          },
        ],
      }
      const response = await fetch(`${platform.otlpUrl}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest}` },
        body: JSON.stringify(body),
      })
      if (response.status !== 200) throw new Error(`OTLP answered ${response.status}`)
      const arrived = performance.now()
      await hook.next()
      latencies.push(performance.now() - arrived)
    }
  } finally {
    await platform.stop()
    await hook.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return latencies
}

const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }

/** 100 rules over the generated estate: every type, with and without groups. */
function hundredRules(): object[] {
  const rules: object[] = []
  const spans = ['erp.post_invoice', 'erp.create_sales_order', 'erp.post_store_sale', 'pos.checkout', 'wms.reserve']
  for (let i = 0; i < 40; i++)
    rules.push({
      name: `latency-${i}`,
      type: 'latency',
      service: i % 2 ? 'erp-gateway' : 'store-pos',
      span: spans[i % spans.length],
      threshold_ms: 500 + i * 50,
      window: `${5 + (i % 3) * 5}m`,
      group_by: i % 4 === 0 ? [] : [['store', 'channel', 'region'][i % 3]],
    })
  for (let i = 0; i < 20; i++)
    rules.push({
      name: `errors-${i}`,
      type: 'error_rate',
      service: ['erp-gateway', 'store-pos', 'payment-service', 'warehouse-management'][i % 4],
      threshold: 0.01 + i / 1000,
      window: '15m',
      group_by: i % 2 ? ['store'] : [],
    })
  for (let i = 0; i < 15; i++)
    rules.push({
      name: `sla-${i}`,
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: i % 2 ? 'order.ready_for_pickup' : 'order.erp_created',
      within: `${10 + i}m`,
      group_by: i % 3 ? ['store'] : ['region'],
    })
  for (let i = 0; i < 10; i++)
    rules.push({ name: `stock-${i}`, type: 'inventory_mismatch', tolerance: 1 + i, for: '10m', group_by: ['store'] })
  for (let i = 0; i < 5; i++) rules.push({ name: `settlements-${i}`, type: 'settlement_unposted', older_than: `${1 + i}h` })
  for (let i = 0; i < 10; i++)
    rules.push({
      name: `backlog-${i}`,
      type: 'backlog',
      from_stage: 'sale.published',
      to_stage: 'sale.erp_posted',
      max_pending: 5 * i,
      group_by: ['store'],
    })
  return rules
}

/** Spans `from` to `to`: ten per order (a pick-up or a delivery), a store sale with stock readings, over the last day. */
async function generate(warehouse: ReturnType<typeof openWarehouse>, from: number, to: number, total: number, now: number): Promise<void> {
  const spread = Math.max(1, Math.floor(DAY_MS / (total / 10)))
  await warehouse.command(sql`
    INSERT INTO ${tableRef(target, 'spans')} (Tenant, Timestamp, TraceId, SpanId, SpanName, SpanKind, ServiceName, SpanAttributes, ResourceAttributes, Duration, StatusCode, RetailSystem, Stage, BusinessKeys)
    SELECT 'bench', fromUnixTimestamp64Milli(toInt64(${now - DAY_MS} + k * ${spread} + j * 1000)), lower(hex(MD5(toString(k)))), substring(lower(hex(MD5(toString(number)))), 1, 16),
      span, 'internal', service, attributes, map('service.name', service), toUInt64(duration * 1000000), if(cityHash64(number) % 100 < 2, 'error', 'unset'), system, stage, keys
    FROM (
      SELECT number, intDiv(number, 10) AS k, number % 10 AS j, k % 3 = 0 AS ship,
        ['storefront', 'payment-service', 'warehouse-management', 'erp-gateway', if(ship, 'warehouse-management', 'store-pos'), 'erp-gateway', 'store-pos', 'erp-gateway', 'store-pos', 'order-management'][j + 1] AS service,
        ['ecommerce', 'payment', 'wms', 'erp', if(ship, 'wms', 'pos'), 'erp', 'pos', 'erp', 'pos', 'oms'][j + 1] AS system,
        ['checkout.place_order', 'payment.authorize', 'wms.reserve', 'erp.create_sales_order', if(ship, 'wms.dispatch_parcel', 'pos.stage_pickup'), 'erp.post_invoice', 'pos.checkout', 'erp.post_store_sale', 'pos.publish_sale', 'oms.complete_order'][j + 1] AS span,
        ['order.placed', 'order.payment_authorized', 'order.inventory_reserved', 'order.erp_created', if(k % 20 = 7, '', if(ship, 'order.shipped', 'order.ready_for_pickup')), 'order.invoiced', 'sale.completed', if(k % 50 = 3, '', 'sale.erp_posted'), 'sale.published', ''][j + 1] AS stage,
        if(j IN (6, 7, 8), concat('POS-', toString(k)), concat('BENCH-', toString(k))) AS key,
        map('retail.order.id', key) AS keys,
        (cityHash64(number, 1) % 1000) * if(cityHash64(number, 2) % 100 < 8, 6, 0.4) AS duration,
        concat('store-', toString(k % 200)) AS store,
        mapConcat(map('retail.order.id', key, 'retail.journey.stage', stage, 'retail.store.id', store, 'retail.channel', if(j IN (6, 7, 8), 'pos', ['web', 'app'][k % 2 + 1]),
          'retail.region', ['north', 'south', 'east', 'west'][k % 4 + 1], 'retail.amount', toString(10 + k % 90), 'retail.currency', 'EUR', 'retail.fulfilment', if(ship, 'ship', 'pickup')),
          if(j IN (6, 7), map('retail.sku', concat('SKU-', toString(k % 500)), 'retail.inventory.on_hand', toString(100 - intDiv(k, 100000) + if(j = 7 AND k % 500 < 5, 4, 0))), map())) AS attributes
      FROM numbers(${from}, ${to - from})
    )`)
}

interface RoundFigures {
  spans: string
  round: number
  pure: number
  alerts: number
  byType: Record<string, number>
}

/** A pick-up SLA whose `where` (fulfilment) is on spans only. */
const SPANS_WHERE = alertsSectionSchema.parse({
  rules: [
    {
      name: 'pickup-where',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '20m',
      where: { 'retail.fulfilment': 'pickup' },
      group_by: ['store'],
    },
  ],
})

/** Query time of each rule type's rules alone, fetched as a round fetches them. */
async function byType(
  warehouse: ReturnType<typeof openWarehouse>,
  rules: readonly AlertRule[],
  now: number,
): Promise<Record<string, number>> {
  const times: Record<string, number> = {}
  for (const type of [...new Set(rules.map((rule) => rule.type))]) {
    const started = performance.now()
    await fetchObservations(
      warehouse,
      target,
      rules.filter((rule) => rule.type === type),
      DEFAULT_JOURNEYS,
      new Date(now),
    )
    times[`${type} (${rules.filter((rule) => rule.type === type).length})`] = performance.now() - started
  }
  const started = performance.now()
  await fetchObservations(warehouse, target, SPANS_WHERE.rules, DEFAULT_JOURNEYS, new Date(now))
  times['stage_sla on spans (1)'] = performance.now() - started
  return times
}

async function evaluationRounds(): Promise<RoundFigures[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-bench-alerts-'))
  const warehouse = openWarehouse({ kind: 'embedded', dataDir, database: target.database })
  const config = alertsSectionSchema.parse({ interval: '1h', rules: hundredRules() })
  const now = Date.now()
  const results: RoundFigures[] = []
  try {
    await migrate(warehouse, target, MIGRATIONS)
    let generated = 0
    for (const size of [1_000_000, 10_000_000]) {
      const started = performance.now()
      for (; generated < size; generated += 1_000_000) await generate(warehouse, generated, generated + 1_000_000, 10_000_000, now)
      console.log(`   ${(size / 1e6).toFixed(0)}M spans ready after ${((performance.now() - started) / 1000).toFixed(1)} s of generation`)
      const service = createAlertService({
        warehouse,
        target,
        config,
        journeys: DEFAULT_JOURNEYS,
        metrics: registerAlertMetrics(new MetricRegistry()),
        log: SILENT_LOG,
        store: memoryAlertStore(),
        send: () => Promise.resolve({ ok: true as const, value: { status: 202 } }),
      })
      // The first round (in start) warms the caches; the second is measured.
      await service.start('http://bench')
      const t0 = performance.now()
      await service.evaluateNow()
      const round = performance.now() - t0
      const types = await byType(warehouse, config.rules, now)
      const listed = await service.list('bench')
      await service.stop()
      // The pure evaluator alone, on the same alerts: what a round costs besides the queries.
      const observations = new Map(
        listed.alerts.map((a) => [a.rule, [{ tenant: 'bench', group: a.group, value: a.value, impact: a.impact }]]),
      )
      const t = performance.now()
      for (let i = 0; i < 100; i++)
        evaluateRound(config.rules, observations, {}, now, {
          repeatIntervalMs: 3_600_000,
          flap: config.flap,
          keepResolvedMs: DAY_MS,
          historyLimit: 50,
        })
      results.push({ spans: `${size / 1e6}M`, round, pure: (performance.now() - t) / 100, alerts: listed.alerts.length, byType: types })
    }
  } finally {
    await warehouse.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return results
}

const latencies = await breachToWebhook()
const budget = INTERVAL_S * 1000 + 2000
// Each breach is sent just after the previous webhook, so just after a round: the worst phase.
console.log(
  `   breach to webhook at a ${INTERVAL_S}s interval, sent just after a round (target under ${budget} ms): ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms; median ${[...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]!.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${(Math.max(...latencies) / budget).toFixed(2)} of the budget)`,
)
const rounds = await evaluationRounds()
const [small, large] = rounds as [RoundFigures, RoundFigures]
console.log(`   ${'one round of 100 rules, ms'.padEnd(34)} ${small.spans.padStart(8)} ${large.spans.padStart(8)} ${'ratio'.padStart(7)}`)
const row = (name: string, a: number, b: number, digits = 0): void =>
  console.log(`   ${name.padEnd(34)} ${a.toFixed(digits).padStart(8)} ${b.toFixed(digits).padStart(8)} ${(b / a).toFixed(2).padStart(6)}x`)
row('whole round (queries, evaluation)', small.round, large.round)
for (const type of Object.keys(small.byType)) row(`  queries of ${type}`, small.byType[type]!, large.byType[type]!)
row('  pure evaluator alone', small.pure, large.pure, 2)
console.log(`   alerts held: ${small.alerts} at ${small.spans}, ${large.alerts} at ${large.spans}`)
