import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { AlertNotification } from '../notification.ts'
import type { ChannelConfig } from '../rules.ts'
import { NOTIFICATION_CHANNELS, channelRequest } from './registry.ts'
import { webhookSignature } from './webhook.ts'

const context = { dashboardUrl: 'https://throughline.example', now: Date.UTC(2026, 2, 2, 12, 0, 5) }
const trigger: AlertNotification = {
  id: 'erp-latency-0123456789abcdef/trigger/1',
  dedupKey: 'erp-latency-0123456789abcdef',
  tenant: 'acme',
  action: 'trigger',
  repeat: false,
  channels: ['x'],
  at: Date.UTC(2026, 2, 2, 12, 0, 0),
  alert: {
    rule: 'erp-latency',
    type: 'latency',
    severity: 'critical',
    group: { 'retail.store.id': 'S01' },
    state: 'firing',
    value: 3412,
    threshold: 2000,
    summary: 'p95 of erp-gateway erp.post_invoice is 3412 ms, over 2000 ms (store S01): 3 orders, store S01',
    impact: {
      count: 3,
      unit: 'orders',
      amount: 249.5,
      currency: 'EUR',
      stores: ['S01'],
      journeys: [{ type: 'order', key: 'WEB-1' }],
      traces: ['4bf92f3577b34da6a3ce929d0e0e4736'],
      details: {},
    },
    activeSince: Date.UTC(2026, 2, 2, 11, 59, 0),
    firedAt: Date.UTC(2026, 2, 2, 12, 0, 0),
    flapping: false,
  },
}
const resolve: AlertNotification = {
  ...trigger,
  id: 'r',
  action: 'resolve',
  alert: { ...trigger.alert, state: 'resolved', resolvedAt: Date.UTC(2026, 2, 2, 12, 5) },
}

/** The request body as a tool reads it, in the shape a test expects. */
const body = <T = Record<string, unknown>>(channel: ChannelConfig, notification: AlertNotification): T =>
  JSON.parse(channelRequest(channel, notification, context).body) as T
interface PagerDutyBody {
  payload: { summary: string }
  links: { href: string; text: string }[]
}
interface SlackBody {
  text: string
  blocks: { type: string; text: { text: string }; fields: { text: string }[]; elements: { url: string }[] }[]
}

describe('webhook channel', () => {
  const channel = { name: 'hook', type: 'webhook', url: 'https://ops.example/hook', secret: 'whsec-0123456789abcdef' } as const

  it('signs the raw body with the time of the attempt, as the contract says', () => {
    const request = channelRequest(channel, trigger, context)
    const [t, v1] = request.headers['x-throughline-signature']!.split(',')
    expect(t).toBe('t=1772452805')
    expect(v1).toBe(`v1=${createHmac('sha256', channel.secret).update(`1772452805.${request.body}`).digest('hex')}`)
    expect(webhookSignature(channel.secret, request.body, 1772452805)).toBe(request.headers['x-throughline-signature'])
  })

  it('sends the dedup_key, state, rule, group, impact and links back to the dashboard', () => {
    expect(body(channel, trigger)).toMatchObject({
      dedup_key: trigger.dedupKey,
      action: 'trigger',
      state: 'firing',
      rule: 'erp-latency',
      group: { 'retail.store.id': 'S01' },
      severity: 'critical',
      impact: { count: 3, unit: 'orders', amount: 249.5 },
      links: {
        alert: 'https://throughline.example/alerts#alert-erp-latency-0123456789abcdef',
        journeys: ['https://throughline.example/journeys/order/WEB-1'],
        traces: ['https://throughline.example/traces/4bf92f3577b34da6a3ce929d0e0e4736'],
      },
      fired_at: '2026-03-02T12:00:00.000Z',
      resolved_at: null,
    })
    expect(body(channel, resolve)).toMatchObject({
      dedup_key: trigger.dedupKey,
      action: 'resolve',
      state: 'resolved',
      resolved_at: '2026-03-02T12:05:00.000Z',
    })
  })
})

describe('pagerduty channel', () => {
  const channel = { name: 'pd', type: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', routingKey: 'R'.repeat(32) } as const

  it('triggers an Events API v2 event with summary, source, severity, custom details and links', () => {
    const event = body<PagerDutyBody>(channel, trigger)
    expect(event).toMatchObject({
      routing_key: 'R'.repeat(32),
      event_action: 'trigger',
      dedup_key: trigger.dedupKey,
      payload: {
        summary: `[erp-latency] ${trigger.alert.summary}`,
        source: 'throughline/acme',
        severity: 'critical',
        timestamp: '2026-03-02T12:00:00.000Z',
        class: 'latency',
        group: 'store S01',
        custom_details: { impact: trigger.alert.impact, value: 3412 },
      },
      client: 'Throughline',
    })
    expect(event.links[0]).toEqual({
      href: 'https://throughline.example/alerts#alert-erp-latency-0123456789abcdef',
      text: 'Alert erp-latency in Throughline',
    })
    expect(event.links.map((l) => l.href)).toContain('https://throughline.example/journeys/order/WEB-1')
  })

  it('resolves by dedup_key alone', () => {
    expect(body(channel, resolve)).toEqual({ routing_key: 'R'.repeat(32), event_action: 'resolve', dedup_key: trigger.dedupKey })
  })

  it("keeps the summary within PagerDuty's 1024 characters", () => {
    const long = { ...trigger, alert: { ...trigger.alert, summary: 'x'.repeat(5000) } }
    expect(body<PagerDutyBody>(channel, long).payload.summary).toHaveLength(1024)
  })
})

describe('slack channel', () => {
  const channel = { name: 'chat', type: 'slack', url: 'https://hooks.slack.com/services/T/B/X' } as const

  it('posts blocks with the state, summary, impact and buttons to the alert and a journey', () => {
    const message = body<SlackBody>(channel, trigger)
    expect(message.text).toContain('Firing: erp-latency')
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions', 'context'])
    expect(message.blocks[0]!.text.text).toBe('Firing: erp-latency')
    expect(message.blocks[2]!.fields.map((f) => f.text)).toContain('*Impact*\n3 orders, 249.50 EUR, store S01')
    expect(message.blocks[3]!.elements.map((e) => e.url)).toEqual([
      'https://throughline.example/alerts#alert-erp-latency-0123456789abcdef',
      'https://throughline.example/journeys/order/WEB-1',
      'https://throughline.example/traces/4bf92f3577b34da6a3ce929d0e0e4736',
    ])
    expect(body<SlackBody>(channel, resolve).blocks[0]!.text.text).toBe('Resolved: erp-latency')
  })

  it('shows text from spans literally: a store id cannot mention a channel or forge a link', () => {
    const hostile: AlertNotification = {
      ...trigger,
      alert: {
        ...trigger.alert,
        group: { 'retail.store.id': '<!channel>' },
        summary: 'p95 is 3412 ms (store <!channel>) & <https://evil.example|click>',
        impact: { ...trigger.alert.impact, stores: ['<!here>'] },
      },
    }
    const text = JSON.stringify(body<SlackBody>(channel, hostile))
    expect(text).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/)
    expect(text).toContain('&lt;!channel&gt;')
    expect(text).toContain('&amp; &lt;https://evil.example|click&gt;')
  })
})

describe('opsgenie channel', () => {
  const channel = { name: 'genie', type: 'opsgenie', url: 'https://api.opsgenie.com/v2/alerts', apiKey: 'genie-key-1' } as const

  it('creates an alert whose alias is the dedup_key, with a GenieKey', () => {
    const request = channelRequest(channel, trigger, context)
    expect(request.url).toBe('https://api.opsgenie.com/v2/alerts')
    expect(request.headers.authorization).toBe('GenieKey genie-key-1')
    const alert = JSON.parse(request.body)
    expect(alert).toMatchObject({
      alias: trigger.dedupKey,
      priority: 'P1',
      source: 'Throughline',
      entity: 'store S01',
      details: { rule: 'erp-latency', 'retail.store.id': 'S01', impact: '3 orders, 249.50 EUR, store S01' },
    })
    expect(alert.message.length).toBeLessThanOrEqual(130)
    expect(alert.description).toContain('https://throughline.example/journeys/order/WEB-1')
  })

  it('closes by alias', () => {
    const request = channelRequest(channel, resolve, context)
    expect(request.url).toBe('https://api.opsgenie.com/v2/alerts/erp-latency-0123456789abcdef/close?identifierType=alias')
    expect(JSON.parse(request.body)).toMatchObject({ source: 'Throughline' })
  })
})

describe('channel registry', () => {
  it('has one entry per channel type', () => {
    expect(Object.keys(NOTIFICATION_CHANNELS).sort()).toEqual(['opsgenie', 'pagerduty', 'slack', 'webhook'])
  })

  it("gives every request of every channel the decision's idempotency key", () => {
    const channels: ChannelConfig[] = [
      { name: 'a', type: 'webhook', url: 'https://h.example', secret: 'whsec-0123456789abcdef' },
      { name: 'b', type: 'slack', url: 'https://hooks.slack.com/x' },
      { name: 'c', type: 'opsgenie', url: 'https://api.opsgenie.com/v2/alerts', apiKey: 'k' },
      { name: 'd', type: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', routingKey: 'r'.repeat(32) },
    ]
    for (const channel of channels) expect(channelRequest(channel, trigger, context).headers['idempotency-key']).toBe(trigger.id)
    expect(body(channels[0]!, trigger)).toMatchObject({ idempotency_key: trigger.id })
  })
})
