import { afterEach, describe, expect, it } from 'vitest'
import { MetricRegistry } from '../../telemetry/index.ts'
import { startPagingReceiver, type PagingReceiver } from '../../test/fixtures/paging-receiver.ts'
import { registerAlertMetrics } from '../alert-metrics.ts'
import type { AlertNotification } from '../notification.ts'
import type { ChannelConfig } from '../rules.ts'
import { memoryAlertStore, type MemoryAlertStore } from '../store/memory-alert-store.ts'
import type { DeliveryAttempt } from './delivery.ts'
import { httpSender } from './http-sender.ts'
import { createOutbox, type Outbox } from './outbox.ts'
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts'
import { capturedLog } from '../../test/fixtures/captured-log.ts'
import { metricValue } from '../../test/fixtures/metric-value.ts'

const receivers: PagingReceiver[] = []
const outboxes: Outbox[] = []
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((o) => o.stop()))
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function receiver(shape: Parameters<typeof startPagingReceiver>[0]): Promise<PagingReceiver> {
  const started = await startPagingReceiver(shape)
  receivers.push(started)
  return started
}

function notification(
  action: 'trigger' | 'resolve',
  channels: string[],
  dedupKey = 'erp-latency-00000000000000aa',
  at = Date.now(),
): AlertNotification {
  return {
    id: `${dedupKey}/${action}/${at}`,
    dedupKey,
    tenant: 'acme',
    action,
    repeat: false,
    channels,
    at,
    alert: {
      rule: 'erp-latency',
      type: 'latency',
      severity: 'critical',
      group: {},
      state: action === 'trigger' ? 'firing' : 'resolved',
      value: 3000,
      threshold: 2000,
      summary: 'slow ERP',
      impact: { count: 1, unit: 'orders', amount: 0, currency: '', stores: [], journeys: [], traces: [], details: {} },
      activeSince: at,
      flapping: false,
    },
  }
}

function outbox(channels: ChannelConfig[], store: MemoryAlertStore = memoryAlertStore(), policy = DEFAULT_RETRY_POLICY) {
  const metrics = new MetricRegistry()
  const alertMetrics = registerAlertMetrics(metrics)
  const attempts: DeliveryAttempt[] = []
  const log = capturedLog()
  const box = createOutbox({
    store,
    send: httpSender(2_000),
    channel: (name) => channels.find((c) => c.name === name),
    dashboardUrl: () => 'http://127.0.0.1:3000',
    metrics: alertMetrics,
    log: log.log,
    policy,
    random: () => 0,
    onAttempt: (a) => attempts.push(a),
  })
  outboxes.push(box)
  return { box, store, attempts, warnings: log.messages, alertMetrics }
}

describe('outbox', () => {
  it('retries a 429 after the Retry-After the tool asked for, and records both attempts', async () => {
    const pd = await receiver('pagerduty')
    pd.respond({ status: 429, headers: { 'retry-after': '1' }, body: '{"status":"throttle event"}' })
    const { box, store, attempts, alertMetrics } = outbox([
      { name: 'pager', type: 'pagerduty', url: `${pd.url}/v2/enqueue`, routingKey: 'k'.repeat(32) },
    ])
    await box.enqueue([notification('trigger', ['pager'])])
    const [first, second] = [await pd.request(0), await pd.request(1)]
    expect(first.status).toBe(429)
    expect(second.status).toBe(202)
    expect(second.json()).toMatchObject({ event_action: 'trigger', dedup_key: 'erp-latency-00000000000000aa' })
    await expect.poll(() => attempts.length).toBe(2)
    expect(attempts.map((a) => [a.attempt, a.outcome, a.httpStatus])).toEqual([
      [1, 'retry', 429],
      [2, 'delivered', 202],
    ])
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950)
    expect([...store.deliveries.values()][0]).toMatchObject({ done: true })
    expect(await metricValue(alertMetrics.notificationsSent, { channel: 'pager', type: 'pagerduty' })).toBe(1)
    expect(await metricValue(alertMetrics.notificationsFailed, { channel: 'pager', type: 'pagerduty' })).toBe(1)
  })

  it('keeps a resolve behind its trigger on the same channel while the trigger is retried', async () => {
    const genie = await receiver('opsgenie')
    genie.respond({ status: 503, headers: { 'retry-after': '1' } })
    const { box } = outbox([{ name: 'genie', type: 'opsgenie', url: `${genie.url}/v2/alerts`, apiKey: 'key' }])
    await box.enqueue([notification('trigger', ['genie'])])
    await genie.request(0)
    await box.enqueue([notification('resolve', ['genie'], undefined, Date.now() + 1)])
    const requests = await Promise.all([genie.request(1), genie.request(2)])
    expect([genie.requests[0]!.path, ...requests.map((r) => r.path)]).toEqual([
      '/v2/alerts',
      '/v2/alerts',
      '/v2/alerts/erp-latency-00000000000000aa/close?identifierType=alias',
    ])
  })

  it('delivers to a live channel while another channel is dead', async () => {
    const slack = await receiver('slack')
    const { box, attempts } = outbox([
      { name: 'dead', type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: 's'.repeat(16) },
      { name: 'chat', type: 'slack', url: `${slack.url}/services/T/B/X` },
    ])
    for (let i = 0; i < 5; i++) await box.enqueue([notification('trigger', ['dead', 'chat'], `rule-${i}`)])
    await Promise.all([0, 1, 2, 3, 4].map((n) => slack.request(n)))
    expect(new Set(slack.requests.map((r) => r.json<{ text: string }>().text)).size).toBe(1)
    expect(attempts.filter((a) => a.channel === 'dead').every((a) => a.outcome === 'retry' && a.error !== undefined)).toBe(true)
  })

  it('gives up at once on a 4xx that says the request is wrong, and says so', async () => {
    const hook = await receiver('webhook')
    hook.respond({ status: 401, body: 'bad signature' })
    const { box, attempts, warnings } = outbox([{ name: 'hook', type: 'webhook', url: `${hook.url}/hook`, secret: 's'.repeat(16) }])
    await box.enqueue([notification('trigger', ['hook'])])
    await expect.poll(() => attempts.length).toBe(1)
    expect(attempts[0]).toMatchObject({ outcome: 'failed', httpStatus: 401 })
    expect(warnings()[0]).toContain("to channel 'hook' the channel refused it (401)")
    expect(box.pending()).toBe(0)
  })

  it('sends after a restart what the stopped process had not delivered', async () => {
    const hook = await receiver('webhook')
    hook.respond({ status: 503, headers: { 'retry-after': '1' } })
    const channels: ChannelConfig[] = [{ name: 'hook', type: 'webhook', url: `${hook.url}/hook`, secret: 's'.repeat(16) }]
    const first = outbox(channels)
    await first.box.enqueue([notification('trigger', ['hook'])])
    await hook.request(0)
    await expect.poll(() => first.attempts.length).toBe(1)
    await first.box.stop()
    const second = outbox(channels, first.store)
    await second.box.start()
    const resent = await hook.request(1)
    expect(resent.json()).toMatchObject({ dedup_key: 'erp-latency-00000000000000aa', action: 'trigger' })
    await expect.poll(() => second.attempts.map((a) => [a.attempt, a.outcome])).toEqual([[2, 'delivered']])
  })

  it('gives up on a channel that was removed from the configuration', async () => {
    const { box, attempts } = outbox([])
    await box.enqueue([notification('trigger', ['gone'])])
    await expect.poll(() => attempts.length).toBe(1)
    expect(attempts[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining("channel 'gone' is no longer configured") })
  })
})
