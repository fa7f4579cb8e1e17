import { describe, expect, it } from 'vitest'
import type { AlertRecord } from '../alert-record.ts'
import { deliveriesOf } from '../delivery/delivery.ts'
import { NO_IMPACT } from '../impact.ts'
import type { AlertNotification } from '../notification.ts'
import { clickhouseAlertStore } from './clickhouse-alert-store.ts'
import { embeddedWarehouse } from '../../test/fixtures/warehouse.ts'
import { TEST_TARGET } from '../../test/fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('alert-store', target)
// Now-ish: the delivery log has a retention TTL, and rows from long ago would expire on insert.
let clock = Date.now()

const record = (dedupKey: string, state: AlertRecord['state']): AlertRecord => ({
  dedupKey,
  tenant: 'acme',
  rule: 'r',
  type: 'latency',
  severity: 'critical',
  group: { 'retail.store.id': 'S1' },
  channels: ['hook'],
  state,
  value: 1,
  threshold: 0,
  summary: 's',
  impact: NO_IMPACT,
  activeSince: 1,
  lastEvaluatedAt: 2,
  notified: 'trigger',
  lastNotifiedAt: 2,
  firings: [1],
  flapping: false,
  history: [{ at: 1, state: 'firing', value: 1 }],
})

const notification = (dedupKey: string, action: 'trigger' | 'resolve', at: number): AlertNotification => ({
  id: `${dedupKey}/${action}/${at}`,
  dedupKey,
  tenant: 'acme',
  action,
  repeat: false,
  channels: ['hook', 'pager'],
  at,
  alert: {
    rule: 'r',
    type: 'latency',
    severity: 'critical',
    group: {},
    state: 'firing',
    value: 1,
    threshold: 0,
    summary: 's',
    impact: NO_IMPACT,
    activeSince: at,
    flapping: false,
  },
})

describe('clickhouse alert store', () => {
  it('keeps the latest version of each alert and forgets removed ones, across store instances', async () => {
    const store = clickhouseAlertStore(warehouse, target, () => clock++)
    await store.saveAlerts([record('a', 'pending'), record('b', 'firing')], [])
    await store.saveAlerts([record('a', 'firing')], [{ tenant: 'acme', dedupKey: 'b' }])
    const reopened = clickhouseAlertStore(warehouse, target, () => clock++)
    expect(await reopened.loadAlerts()).toEqual([record('a', 'firing')])
  })

  it("has a new leader whose clock is behind the old one's write the newest version, once it has loaded the alerts", async () => {
    const ahead = clickhouseAlertStore(warehouse, target, () => clock + 3_600_000)
    await ahead.saveAlerts([record('skewed', 'firing')], [])
    const behind = clickhouseAlertStore(warehouse, target, () => clock)
    await behind.loadAlerts()
    await behind.saveAlerts([record('skewed', 'resolved')], [])
    const loaded = await clickhouseAlertStore(warehouse, target, () => clock).loadAlerts()
    expect(loaded.find((alert) => alert.dedupKey === 'skewed')?.state).toBe('resolved')
  })

  it('returns undelivered deliveries in order with their attempts, and each attempt in the history', async () => {
    const store = clickhouseAlertStore(warehouse, target, () => clock++)
    const [hook, pager] = deliveriesOf(notification('k1', 'trigger', clock), clock)
    const [later] = deliveriesOf(notification('k1', 'resolve', clock + 10), clock + 10)
    await store.enqueue([hook!, pager!])
    await store.enqueue([later!])
    await store.recordAttempt(
      { ...hook!, attempts: 1, nextAttemptAt: clock + 5000 },
      {
        deliveryId: hook!.id,
        tenant: 'acme',
        dedupKey: 'k1',
        channel: 'hook',
        action: 'trigger',
        attempt: 1,
        at: clock + 1,
        outcome: 'retry',
        httpStatus: 429,
        error: 'HTTP 429',
        durationMs: 12,
        nextAttemptAt: clock + 5000,
      },
    )
    await store.recordAttempt(
      { ...pager!, attempts: 1 },
      {
        deliveryId: pager!.id,
        tenant: 'acme',
        dedupKey: 'k1',
        channel: 'pager',
        action: 'trigger',
        attempt: 1,
        at: clock + 1,
        outcome: 'delivered',
        httpStatus: 202,
        durationMs: 8,
      },
    )
    const pending = await store.pendingDeliveries(0)
    expect(pending.map((d) => [d.id, d.attempts, d.nextAttemptAt - clock])).toEqual([
      [hook!.id, 1, 5000],
      [later!.id, 0, 10],
    ])
    expect(pending[0]!.notification).toEqual(hook!.notification)
    const history = await store.deliveryHistory('acme', ['k1'], 10)
    expect(history.map((h) => [h.channel, h.action, h.attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])])).toEqual([
      ['hook', 'resolve', []],
      ['hook', 'trigger', [[1, 'retry', 429]]],
      ['pager', 'trigger', [[1, 'delivered', 202]]],
    ])
    expect(await store.deliveryHistory('globex', ['k1'], 10)).toEqual([])
  })
})
