import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MetricRegistry } from '../../telemetry/index.ts'
import { createSpanStore, keyRecogniser } from '../../spans/index.ts'
import { DEFAULT_JOURNEYS, stageRecogniser } from '../../journeys/index.ts'
import { startPagingReceiver, type PagingReceiver } from '../../test/fixtures/paging-receiver.ts'
import { spanRecord } from '../../test/fixtures/spans.ts'
import { registerAlertMetrics } from '../alert-metrics.ts'
import { createAlertService, type AlertService } from '../alert-service.ts'
import { alertsSectionSchema } from '../config-schema.ts'
import { clickhouseAlertStore } from '../store/clickhouse-alert-store.ts'
import { clickhouseLeaseStore } from '../store/clickhouse-lease-store.ts'
import { createLeadership, leaderOf, memoryLeaseStore } from './leadership.ts'
import { embeddedWarehouse } from '../../test/fixtures/warehouse.ts'
import { capturedLog } from '../../test/fixtures/captured-log.ts'
import { TEST_TARGET } from '../../test/fixtures/topology.ts'

const HOUR = 3_600_000

describe('leader election', () => {
  it('makes the live instance with the smallest id the leader, and nobody once every heartbeat is stale', () => {
    const beats = [
      { instance: 'b', at: 1_000 },
      { instance: 'a', at: 400 },
      { instance: 'c', at: 1_000 },
    ]
    expect(leaderOf(beats, 1_000, 1_000)).toBe('a')
    // a's heartbeat is older than the ttl: it is presumed dead.
    expect(leaderOf(beats, 1_500, 1_000)).toBe('b')
    expect(leaderOf(beats, 5_000, 1_000)).toBeUndefined()
  })

  it('hands over at once when the leader releases its lease, not only after the ttl', async () => {
    const store = memoryLeaseStore()
    let now = 0
    const a = createLeadership(store, 'a', () => now)
    const b = createLeadership(store, 'b', () => now)
    expect([await a.check(3_000), await b.check(3_000)]).toEqual([true, false])
    now = 1_000
    await a.release()
    expect(await b.check(3_000)).toBe(true)
  })
})

describe('two alert services sharing one store', () => {
  const target = TEST_TARGET
  const warehouse = embeddedWarehouse('alert-leader', target)
  let hook: PagingReceiver
  let now = Date.now()
  const services: Record<'a' | 'b', AlertService> = {} as Record<'a' | 'b', AlertService>
  const logged: string[] = []

  beforeAll(async () => {
    hook = await startPagingReceiver('webhook')
    const config = alertsSectionSchema.parse({
      interval: '1h',
      channels: [{ name: 'hook', type: 'webhook', url: `${hook.url}/hook`, secret: 'whsec-leader-test-0001' }],
      rules: [
        {
          name: 'slow-invoices',
          type: 'latency',
          service: 'erp-gateway',
          span: 'erp.post_invoice',
          threshold_ms: 2000,
          window: '10m',
          channels: ['hook'],
        },
      ],
    })
    const leases = clickhouseLeaseStore(warehouse, target)
    for (const instance of ['a', 'b'] as const) {
      services[instance] = createAlertService({
        warehouse,
        target,
        config,
        journeys: DEFAULT_JOURNEYS,
        metrics: registerAlertMetrics(new MetricRegistry()),
        clock: () => now,
        store: clickhouseAlertStore(warehouse, target, () => now),
        leadership: createLeadership(leases, `instance-${instance}`, () => now),
        log: capturedLog((record) => logged.push(`${instance}: ${record.msg}`)).log,
      })
    }
    await services.a.start('http://a.test')
    await services.b.start('http://b.test')
    // The breach comes after both have started, so each would see it as new if both evaluated.
    const spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(DEFAULT_JOURNEYS))
    await spans.insert(
      'acme',
      [
        spanRecord({
          name: 'erp.post_invoice',
          durationMs: 4200,
          resource: { 'service.name': 'erp-gateway' },
          attributes: { 'retail.order.id': 'WEB-1' },
        }),
      ],
      'leader-test-1',
    )
    // The services' clock moves on to now: the span started a second ago, inside the rule's window however long the set-up took.
    now = Date.now()
  })

  afterAll(async () => {
    await services.a.stop()
    await services.b.stop()
    await hook.close()
  })

  it('page once, from the leader, while the other shows the same alert', async () => {
    await Promise.all([services.b.evaluateNow(), services.a.evaluateNow()])
    const trigger = await hook.request(0)
    expect(trigger.json()).toMatchObject({
      action: 'trigger',
      rule: 'slow-invoices',
      links: { alert: expect.stringMatching(/^http:\/\/a\.test\//) },
    })
    await services.b.evaluateNow()
    const shown = await services.b.list('acme')
    expect(shown.alerts.map((alert) => [alert.dedupKey, alert.state])).toEqual([
      [trigger.json<{ dedup_key: string }>().dedup_key, 'firing'],
    ])
    // Every delivery is in the shared outbox before a round ends: one, so the follower sent nothing.
    expect(shown.alerts[0]!.deliveries).toHaveLength(1)
    expect(hook.requests).toHaveLength(1)
    expect(logged).toEqual(expect.arrayContaining(['a: alerts: instance instance-a leads the evaluation']))
    expect(logged.filter((line) => line.startsWith('b: alerts: instance instance-b leads'))).toEqual([])
  })

  it('keep a silence set through the follower when the leader evaluates', async () => {
    const [alert] = (await services.b.list('acme')).alerts
    const outcome = await services.b.silence('acme', alert!.dedupKey, now + HOUR, 'ERP maintenance')
    expect(outcome.ok).toBe(true)
    await services.a.evaluateNow()
    expect((await services.a.list('acme')).alerts[0]!.silence?.reason).toBe('ERP maintenance')
  })

  it('take over when the leader stops beating, and resolve under the same dedup_key, once', async () => {
    // The leader goes quiet (a crash: it never releases); three intervals on, its lease has lapsed and the slow span left the window.
    now += 3 * HOUR + 1
    await services.b.evaluateNow()
    const resolve = await hook.request(1)
    expect(resolve.json()).toMatchObject({
      action: 'resolve',
      state: 'resolved',
      dedup_key: hook.requests[0]!.json<{ dedup_key: string }>().dedup_key,
      links: { alert: expect.stringMatching(/^http:\/\/b\.test\//) },
    })
    expect(logged).toContain('b: alerts: instance instance-b leads the evaluation')
    // The old leader comes back: its smaller id leads again, and b steps down without sending anything more.
    await services.a.evaluateNow()
    await services.b.evaluateNow()
    expect(logged).toContain('b: alerts: instance instance-b hands the evaluation over')
    expect(hook.requests).toHaveLength(2)
  })
})
