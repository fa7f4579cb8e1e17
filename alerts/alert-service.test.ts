import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AlertRuleValuesResponse, type AlertsResponse, type AlertView } from '../core/index.ts'
import { createSpanStore, keyRecogniser, type SpanStore } from '../spans/index.ts'
import { DEFAULT_JOURNEYS, stageRecogniser } from '../journeys/index.ts'
import type { ApiVariables } from '../api/index.ts'
import { spanRecord } from '../test/fixtures/spans.ts'
import { startPagingReceiver, type PagingReceiver } from '../test/fixtures/paging-receiver.ts'
import { registerAlertMetrics } from './alert-metrics.ts'
import { createAlertService, type AlertService } from './alert-service.ts'
import { alertRoutes } from './api/alert-routes.ts'
import { alertsSectionSchema } from './config-schema.ts'
import type { AlertsSectionInput } from './config-schema.ts'
import { webhookSignature } from './channels/webhook.ts'
import { embeddedWarehouse } from '../test/fixtures/warehouse.ts'
import { MetricRegistry } from '../telemetry/index.ts'
import { capturedLog } from '../test/fixtures/captured-log.ts'
import { metricValue } from '../test/fixtures/metric-value.ts'
import { TEST_TARGET } from '../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('alert-service', target)
let store: SpanStore
let hook: PagingReceiver
let service: AlertService
const registry = new MetricRegistry()
const metrics = registerAlertMetrics(registry)
const logged = capturedLog()
const SECRET = 'whsec-service-test-0001'

const section = (rules: AlertsSectionInput['rules']): AlertsSectionInput => ({
  interval: '1h',
  channels: [{ name: 'hook', type: 'webhook', url: `${hook.url}/hook`, secret: SECRET }],
  rules,
})
const slowInvoices = {
  name: 'slow-invoices',
  type: 'latency',
  service: 'erp-gateway',
  span: 'erp.post_invoice',
  threshold_ms: 2000,
  window: '10m',
  group_by: ['store'],
  severity: 'critical',
  channels: ['hook'],
}

// A tiny app like the query app: a tenant from a header instead of a token.
const api = (): Hono<{ Variables: ApiVariables }> => {
  const app = new Hono<{ Variables: ApiVariables }>()
  app.use('*', async (c, next) => {
    c.set('tenant', c.req.header('x-tenant') ?? 'acme')
    await next()
  })
  const group = alertRoutes(service)
  app.route(`/api${group.path}`, group.app)
  app.onError((error, c) => c.json({ error: { message: error.message } }, (error as { status?: 400 | 404 }).status ?? 500))
  return app
}

beforeAll(async () => {
  store = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
  hook = await startPagingReceiver('webhook')
  service = createAlertService({
    warehouse,
    target,
    journeys: DEFAULT_JOURNEYS,
    metrics,
    config: alertsSectionSchema.parse(section([slowInvoices])),
    log: logged.log,
  })
  await store.insert(
    'acme',
    [
      spanRecord({
        name: 'erp.post_invoice',
        durationMs: 4200,
        resource: { 'service.name': 'erp-gateway' },
        attributes: { 'retail.order.id': 'WEB-77', 'retail.store.id': 'S05' },
      }),
      spanRecord({
        name: 'erp.post_invoice',
        durationMs: 4100,
        resource: { 'service.name': 'erp-gateway' },
        attributes: { 'retail.order.id': 'WEB-78', 'retail.store.id': 'S05' },
      }),
    ],
    'service-test-1',
  )
  await service.start('http://dashboard.test')
})

afterAll(async () => {
  await service.stop()
  await hook.close()
})

describe('alert service', () => {
  it('fires on the first round and delivers a signed webhook with the impact and links', async () => {
    const request = await hook.request(0)
    const [t, v1] = String(request.headers['x-throughline-signature']).split(',')
    expect(`${t},${v1}`).toBe(webhookSignature(SECRET, request.body, Number(t!.slice(2))))
    expect(request.json()).toMatchObject({
      action: 'trigger',
      state: 'firing',
      rule: 'slow-invoices',
      group: { 'retail.store.id': 'S05' },
      tenant: 'acme',
      impact: { count: 2, unit: 'orders', stores: ['S05'] },
    })
    expect(request.json<{ links: { journeys: string[] } }>().links.journeys.sort()).toEqual([
      'http://dashboard.test/journeys/order/WEB-77',
      'http://dashboard.test/journeys/order/WEB-78',
    ])
    expect(await metricValue(metrics.firing)).toBe(1)
  })

  it("lists the tenant's alerts with history and delivery attempts, and no other tenant's", async () => {
    const response = await api().request('/api/alerts?state=firing')
    const body = (await response.json()) as AlertsResponse
    expect(body.counts).toEqual({ firing: 1, pending: 0, resolved: 0 })
    // The rule with its threshold and the p95 of its worst group in the last round, 4.1 to 4.2 s at store S05.
    expect(body.rules).toEqual([
      {
        name: 'slow-invoices',
        type: 'latency',
        severity: 'critical',
        channels: ['hook'],
        threshold: 2000,
        value: expect.any(Number),
        group: { 'retail.store.id': 'S05' },
        breaching: 1,
      },
    ])
    expect(body.rules[0]!.value).toBeGreaterThanOrEqual(4100)
    expect(body.rules[0]!.value).toBeLessThanOrEqual(4200)
    const [alert] = body.alerts
    expect(alert).toMatchObject({
      rule: 'slow-invoices',
      state: 'firing',
      notified: 'trigger',
      links: { traces: [expect.stringMatching(/^\/traces\//), expect.stringMatching(/^\/traces\//)] },
    })
    expect(alert!.history.map((h) => h.state)).toEqual(['pending', 'firing'])
    await expect
      .poll(async () => ((await (await api().request('/api/alerts')).json()) as AlertsResponse).alerts[0]!.deliveries[0]?.status)
      .toBe('delivered')
    const globex = (await (await api().request('/api/alerts', { headers: { 'x-tenant': 'globex' } })).json()) as AlertsResponse
    expect(globex.alerts).toEqual([])
    // The rule is everyone's; acme's figures are not globex's.
    expect(globex.rules).toEqual([expect.objectContaining({ name: 'slow-invoices', threshold: 2000, breaching: 0 })])
    expect(globex.rules[0]!.value).toBeUndefined()
    expect((await api().request('/api/alerts?state=burning')).status).toBe(400)
  })

  it("keeps each rule's value round by round, for the tenant it belongs to, against its threshold", async () => {
    await service.evaluateNow()
    const values = (await (await api().request('/api/alerts/values')).json()) as AlertRuleValuesResponse
    expect(values.stepSeconds).toBe(600)
    expect(values.rules.map((r) => [r.rule, r.threshold])).toEqual([['slow-invoices', 2000]])
    // Two rounds so far, in one bucket or two: the worst group's p95, and its one breaching group.
    const points = values.rules[0]!.points
    expect(points.length === 1 || points.length === 2).toBe(true)
    for (const point of points) {
      expect(point.breaching).toBe(1)
      expect(point.value).toBeGreaterThanOrEqual(4100)
      expect(point.value).toBeLessThanOrEqual(4200)
    }
    const globex = (await (
      await api().request('/api/alerts/values', { headers: { 'x-tenant': 'globex' } })
    ).json()) as AlertRuleValuesResponse
    expect(globex.rules[0]!.points).toEqual([])
    expect((await api().request('/api/alerts/values?from=2026-12-01T00:00:00Z&to=2026-12-09T00:00:00Z')).status).toBe(400)
  })

  it('silences an alert until a time, refuses bad requests and other tenants, and lifts it', async () => {
    const [alert] = ((await (await api().request('/api/alerts')).json()) as AlertsResponse).alerts
    const post = (body: unknown, tenant = 'acme') =>
      api().request(`/api/alerts/${alert!.dedupKey}/silence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tenant': tenant },
        body: JSON.stringify(body),
      })
    const silenced = (await (await post({ for: '2h', reason: 'ERP maintenance' })).json()) as AlertView
    expect(silenced.silence?.reason).toBe('ERP maintenance')
    expect(Date.parse(silenced.silence!.until) - Date.now()).toBeGreaterThan(7_100_000)
    expect((await post({ for: 'two hours' })).status).toBe(400)
    expect((await post({ until: '2000-01-01T00:00:00Z' })).status).toBe(400)
    expect((await post({ for: '1h' }, 'globex')).status).toBe(404)
    const lifted = (await (await api().request(`/api/alerts/${alert!.dedupKey}/silence`, { method: 'DELETE' })).json()) as AlertView
    expect(lifted.silence).toBeUndefined()
  })

  it('resolves the alerts of a rule removed by a reload, under the same dedup_key', async () => {
    service.reload(alertsSectionSchema.parse(section([])))
    await service.evaluateNow()
    const resolve = await hook.request(1)
    expect(resolve.json()).toMatchObject({
      action: 'resolve',
      state: 'resolved',
      dedup_key: hook.requests[0]!.json<{ dedup_key: string }>().dedup_key,
    })
    expect(logged.messages()).toContain('alert rules reloaded: 0 rules, 1 channels')
    expect(await metricValue(metrics.firing)).toBe(0)
  })
})
