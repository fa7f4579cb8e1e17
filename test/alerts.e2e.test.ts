/**
 * Alerts through the running platform, from spans sent by real OTLP exporters to HTTP receivers
 * on 127.0.0.1 shaped like each paging tool: a latency breach fires once through a 429 and
 * resolves under the same key (PagerDuty); a stage SLA missed by one pick-up order (signed
 * webhook); POS and ERP disagreeing on stock (Slack); the config file reloaded, and an invalid
 * edit refused; and a crash between an alert's trigger and its delivery (Opsgenie).
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AlertsResponse } from '../core/index.ts'
import { webhookSignature } from '../alerts/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { startPagingReceiver, type PagingReceiver } from './fixtures/paging-receiver.ts'
import { sendSpans, type SpanSpec } from './fixtures/otlp-sender.ts'
import { eventually } from './fixtures/wait.ts'

const acme = { ingest: 'acme-alerts-ingest-0001', token: 'acme-alerts-token-00001' }
const SECRET = 'whsec-e2e-alerts-000001'
const MINUTE = 60_000
let dir: string
let configFile: string
let platform: PlatformProcess
const tools = {} as Record<'pagerduty' | 'webhook' | 'slack' | 'opsgenie', PagingReceiver>

function config(rules: string): string {
  return `tenants:
  - { name: acme, ingest_keys: ["${acme.ingest}"], api_tokens: ["${acme.token}"] }
alerts:
  interval: 1s
  channels:
    - { name: oncall, type: pagerduty, url: "${tools.pagerduty.url}/v2/enqueue", routing_key: "0123456789abcdef0123456789abcdef" }
    - { name: ops-hook, type: webhook, url: "${tools.webhook.url}/hook", secret: "${SECRET}" }
    - { name: ops-chat, type: slack, url: "${tools.slack.url}/services/T1/B1/X1" }
    - { name: it-genie, type: opsgenie, url: "${tools.opsgenie.url}/v2/alerts", api_key: "genie-e2e" }
  rules:
${rules}`
}

const RULES = `    - { name: erp-posting-latency, type: latency, service: erp-gateway, span: erp.post_invoice, threshold_ms: 2000, window: 8s, severity: critical, channels: [oncall] }
    - { name: pickup-not-ready, type: stage_sla, journey: order, after: order.inventory_reserved, expect: order.ready_for_pickup, within: 30m, where: { retail.fulfilment: pickup }, group_by: [retail.store.id], channels: [ops-hook] }
    - { name: stock-drift, type: inventory_mismatch, tolerance: 2, for: 10m, group_by: [retail.store.id], channels: [ops-chat] }
`
const SETTLEMENT_RULE = `    - { name: unposted-settlements, type: settlement_unposted, older_than: 1h, severity: error, channels: [it-genie] }
`

/** Replaces the config file as an editor does: a new file renamed over the old one. */
function writeConfig(text: string): void {
  const next = `${configFile}.next`
  writeFileSync(next, text)
  renameSync(next, configFile)
}

/** Sends spans of one service as acme. */
const send = (service: string, system: string, spans: readonly SpanSpec[]): Promise<string[]> =>
  sendSpans({ otlpUrl: platform.otlpUrl, ingestKey: acme.ingest }, service, system, spans)

const alerts = async (query = ''): Promise<AlertsResponse> =>
  (await (
    await fetch(`${platform.url}/api/alerts${query}`, { headers: { authorization: `Bearer ${acme.token}` } })
  ).json()) as AlertsResponse

beforeAll(async () => {
  tools.pagerduty = await startPagingReceiver('pagerduty')
  tools.webhook = await startPagingReceiver('webhook')
  tools.slack = await startPagingReceiver('slack')
  tools.opsgenie = await startPagingReceiver('opsgenie')
  dir = mkdtempSync(path.join(tmpdir(), 'tl-alerts-e2e-'))
  configFile = path.join(dir, 'throughline.yaml')
  writeConfig(config(RULES))
  platform = await startPlatformProcess(['--no-demo'], { THROUGHLINE_CONFIG: configFile })
})

afterAll(async () => {
  await platform.stop()
  await Promise.all(Object.values(tools).map((tool) => tool.close()))
})

describe('alerts through the running platform', () => {
  it('page PagerDuty once for a latency breach, through a 429, and resolve under the same dedup_key', async () => {
    tools.pagerduty.respond({
      status: 429,
      headers: { 'retry-after': '1', 'content-type': 'application/json' },
      body: '{"status":"throttle event","message":"Requests for this service are arriving too quickly."}',
    })
    const now = Date.now()
    const [slowTrace] = await send('erp-gateway', 'erp', [
      { name: 'erp.post_invoice', startMs: now - 3_000, endMs: now, attributes: { 'retail.order.id': 'WEB-SLOW-1' } },
    ])

    const throttled = await tools.pagerduty.request(0)
    const triggered = await tools.pagerduty.request(1)
    expect(throttled.status).toBe(429)
    expect(triggered.status).toBe(202)
    for (const request of [throttled, triggered]) {
      expect(request.path).toBe('/v2/enqueue')
      expect(request.json()).toMatchObject({
        routing_key: '0123456789abcdef0123456789abcdef',
        event_action: 'trigger',
        payload: { severity: 'critical', source: 'throughline/acme', class: 'latency' },
      })
    }
    const event = triggered.json<{
      dedup_key: string
      payload: { summary: string; custom_details: { impact: { count: number } } }
      links: { href: string }[]
    }>()
    expect(event.dedup_key).toBe(throttled.json<{ dedup_key: string }>().dedup_key)
    expect(event.payload.summary).toMatch(/^\[erp-posting-latency\] p95 of erp-gateway erp\.post_invoice is \d+ ms, over 2000 ms: 1 order$/)
    expect(event.links.map((l) => l.href)).toEqual(
      expect.arrayContaining([`${platform.url}/journeys/order/WEB-SLOW-1`, `${platform.url}/traces/${slowTrace}`]),
    )

    // The slow span leaves the 8s window and the alert resolves, with the same key and nothing in between.
    const resolved = await tools.pagerduty.request(2)
    expect(resolved.json()).toEqual({
      routing_key: '0123456789abcdef0123456789abcdef',
      event_action: 'resolve',
      dedup_key: event.dedup_key,
    })
    expect(tools.pagerduty.requests.filter((r) => r.json<{ event_action: string }>().event_action === 'trigger')).toHaveLength(2)

    const listed = await eventually(async () => {
      const body = await alerts('?state=resolved')
      const alert = body.alerts.find((a) => a.rule === 'erp-posting-latency')
      return alert && alert.deliveries.length === 2 && alert.deliveries.every((d) => d.status === 'delivered') ? alert : undefined
    }, 'the resolved alert with both deliveries recorded')
    expect(listed.dedupKey).toBe(event.dedup_key)
    expect(listed.history.map((h) => h.state)).toEqual(['pending', 'firing', 'resolved'])
    const trigger = listed.deliveries.find((d) => d.action === 'trigger')!
    expect(trigger.attempts.map((a) => [a.outcome, a.httpStatus])).toEqual([
      ['retry', 429],
      ['delivered', 202],
    ])
  })

  it('send a signed webhook for the one pick-up order that missed its SLA, linking its journey', async () => {
    const now = Date.now()
    const late = {
      'retail.order.id': 'WEB-E2E-LATE',
      'retail.store.id': 'store-042',
      'retail.fulfilment': 'pickup',
      'retail.amount': 129.5,
      'retail.currency': 'EUR',
    }
    const ready = { 'retail.order.id': 'WEB-E2E-READY', 'retail.store.id': 'store-042', 'retail.fulfilment': 'pickup' }
    await send('storefront', 'ecommerce', [
      { name: 'order.placed', startMs: now - 62 * MINUTE, attributes: { ...late, 'retail.journey.stage': 'order.placed' } },
    ])
    const [reservedTrace] = await send('warehouse-management', 'wms', [
      { name: 'wms.reserve', startMs: now - 60 * MINUTE, attributes: { ...late, 'retail.journey.stage': 'order.inventory_reserved' } },
      { name: 'wms.reserve', startMs: now - 60 * MINUTE, attributes: { ...ready, 'retail.journey.stage': 'order.inventory_reserved' } },
    ])
    await send('store-pos', 'pos', [
      { name: 'pos.stage_pickup', startMs: now - 45 * MINUTE, attributes: { ...ready, 'retail.journey.stage': 'order.ready_for_pickup' } },
    ])

    const request = await tools.webhook.request(0)
    const received = Date.now()
    const signature = String(request.headers['x-throughline-signature'])
    const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(signature)![1])
    expect(signature).toBe(webhookSignature(SECRET, request.body, t))
    // Signed at the attempt: after the spans were sent, before the webhook had it.
    expect(t).toBeGreaterThanOrEqual(Math.floor(now / 1000))
    expect(t).toBeLessThanOrEqual(Math.ceil(received / 1000))
    expect(request.json()).toMatchObject({
      action: 'trigger',
      state: 'firing',
      rule: 'pickup-not-ready',
      group: { 'retail.store.id': 'store-042' },
      tenant: 'acme',
      impact: {
        count: 1,
        unit: 'orders',
        amount: 129.5,
        currency: 'EUR',
        stores: ['store-042'],
        journeys: [{ type: 'order', key: 'WEB-E2E-LATE' }],
      },
      // The trace of the stage that started the clock, found through the business-key index.
      links: { journeys: [`${platform.url}/journeys/order/WEB-E2E-LATE`], traces: [`${platform.url}/traces/${reservedTrace}`] },
    })
  })

  it("tell Slack when POS and ERP have disagreed on a store's stock for longer than `for`", async () => {
    const now = Date.now()
    const reading = (system: string, agoMs: number, onHand: number): SpanSpec => ({
      name: `${system}.stock`,
      startMs: now - agoMs,
      attributes: {
        'retail.sku': 'SKU-E2E-1',
        'retail.store.id': 'store-017',
        'retail.location.id': 'store-017',
        'retail.inventory.on_hand': onHand,
      },
    })
    await send('store-pos', 'pos', [reading('pos', 25 * MINUTE, 14), reading('pos', 2 * MINUTE, 12)])
    await send('erp-gateway', 'erp', [reading('erp', 24 * MINUTE, 20), reading('erp', MINUTE, 18)])

    const message = (await tools.slack.request(0)).json<{ text: string; blocks: { type: string; fields?: { text: string }[] }[] }>()
    expect(message.text).toContain('Firing: stock-drift')
    expect(message.text).toContain('(store store-017)')
    expect(message.blocks.find((b) => b.fields)!.fields!.map((f) => f.text)).toContain('*Where*\nstore store-017')
  })

  it('keep the running rules when the file becomes invalid, and take valid new ones', async () => {
    writeConfig(config(RULES.replace('threshold_ms: 2000', 'threshold_ms: fast')))
    const refused = await eventually(
      () =>
        Promise.resolve(
          /previous rules stay in force[\s\S]*alerts\.rules\.0\.threshold_ms: rule 'erp-posting-latency'/.test(platform.output())
            ? platform.output()
            : undefined,
        ),
      'the refused reload in the log',
    )
    expect(refused).toContain('expected number, received string')
    expect((await alerts()).rules.map((r) => r.name)).toEqual(['erp-posting-latency', 'pickup-not-ready', 'stock-drift'])

    writeConfig(config(RULES + SETTLEMENT_RULE))
    await eventually(async () => ((await alerts()).rules.length === 4 ? true : undefined), 'the fourth rule after the reload')
  })

  it('deliver an alert triggered just before a crash once the platform is back', async () => {
    tools.opsgenie.respond({ status: 503, headers: { 'retry-after': '2' }, body: '{"message":"unavailable"}' })
    const now = Date.now()
    await send('payment-service', 'payment', [
      {
        name: 'payment.cut_settlement_batch',
        startMs: now - 2 * 60 * MINUTE,
        attributes: {
          'retail.journey.stage': 'settlement.batched',
          'retail.settlement.id': 'SET-E2E-1',
          'retail.amount': 1830.25,
          'retail.currency': 'EUR',
        },
      },
    ])

    const refused = await tools.opsgenie.request(0)
    expect(refused.status).toBe(503)
    // A crash, not a clean stop: the delivery is still waiting for its retry.
    const exited = new Promise((resolve) => platform.child.once('exit', resolve))
    platform.child.kill('SIGKILL')
    await exited
    platform = await startPlatformProcess(['--no-demo'], { THROUGHLINE_CONFIG: configFile }, platform.dataDir)

    const delivered = await tools.opsgenie.request(1)
    expect(delivered.status).toBe(202)
    expect(delivered.headers.authorization).toBe('GenieKey genie-e2e')
    expect(delivered.json()).toMatchObject({
      alias: refused.json<{ alias: string }>().alias,
      priority: 'P2',
      details: { rule: 'unposted-settlements', impact: '1 settlement, 1,830.25 EUR' },
    })
    const alert = await eventually(
      async () =>
        (await alerts('?state=firing')).alerts.find((a) => a.rule === 'unposted-settlements' && a.deliveries[0]?.status === 'delivered'),
      'the delivery recorded after the restart',
    )
    expect(alert.dedupKey).toBe(refused.json<{ alias: string }>().alias)
    // The restarted process did not decide to page again: the one trigger was carried across.
    expect(alert.deliveries).toHaveLength(1)
  })
})
