import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { alertsSectionSchema } from './config-schema.ts'

const CONTRACT_EXAMPLE = `
interval: 15s
channels:
  - { name: oncall, type: pagerduty, routing_key: "0123456789abcdef0123456789abcdef", url: "https://events.pagerduty.com/v2/enqueue" }
  - { name: ops-hook, type: webhook, url: "https://example.internal/hook", secret: "a-secret-of-16-chars" }
  - { name: ops-chat, type: slack, url: "https://hooks.slack.com/services/T0/B0/X" }
  - { name: it-genie, type: opsgenie, url: "https://api.opsgenie.com/v2/alerts", api_key: "genie-key" }
rules:
  - { name: erp-posting-latency, type: latency, service: erp-gateway, span: erp.post_invoice,
      percentile: 95, threshold_ms: 2000, window: 5m, for: 1m, severity: critical, channels: [oncall] }
  - { name: erp-errors, type: error_rate, service: erp-gateway, threshold: 0.05, window: 5m, channels: [oncall] }
  - { name: pickup-not-ready, type: stage_sla, journey: order, after: order.inventory_reserved,
      expect: order.ready_for_pickup, within: 2h, group_by: [retail.store.id], channels: [ops-hook] }
  - { name: stock-drift, type: inventory_mismatch, tolerance: 2, for: 10m, group_by: [retail.store.id], channels: [ops-chat] }
  - { name: unposted-settlements, type: settlement_unposted, older_than: 24h, channels: [oncall] }
  - { name: store-backlog, type: backlog, from_stage: sale.published, to_stage: sale.erp_posted,
      max_pending: 500, group_by: [retail.store.id], channels: [it-genie] }
`

function messages(section: unknown): string[] {
  const result = alertsSectionSchema.safeParse(section)
  if (result.success) return []
  return result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('alerts config', () => {
  it("accepts the contract's example and turns durations into milliseconds", () => {
    const config = alertsSectionSchema.parse(parseYaml(CONTRACT_EXAMPLE))
    expect(config.intervalMs).toBe(15_000)
    expect(config.channels.map((c) => c.type)).toEqual(['pagerduty', 'webhook', 'slack', 'opsgenie'])
    expect(config.channels[0]).toEqual({
      name: 'oncall',
      type: 'pagerduty',
      url: 'https://events.pagerduty.com/v2/enqueue',
      routingKey: '0123456789abcdef0123456789abcdef',
    })
    const [latency, errors, sla, drift, settlements, backlog] = config.rules
    expect(latency).toMatchObject({
      type: 'latency',
      thresholdMs: 2000,
      windowMs: 300_000,
      forMs: 60_000,
      percentile: 95,
      severity: 'critical',
      channels: ['oncall'],
    })
    expect(errors).toMatchObject({ type: 'error_rate', threshold: 0.05, minSpans: 10, severity: 'warning', forMs: 0 })
    expect(sla).toMatchObject({
      type: 'stage_sla',
      withinMs: 7_200_000,
      groupBy: ['retail.store.id'],
      lookbackMs: 7_200_000 + 86_400_000,
      unless: [],
      where: {},
    })
    expect(drift).toMatchObject({ type: 'inventory_mismatch', tolerance: 2, forMs: 600_000, windowMs: 86_400_000 })
    expect(settlements).toMatchObject({
      type: 'settlement_unposted',
      olderThanMs: 86_400_000,
      journey: 'settlement',
      after: '',
      expect: '',
    })
    expect(backlog).toMatchObject({ type: 'backlog', fromStage: 'sale.published', toStage: 'sale.erp_posted', maxPending: 500 })
    expect(Object.isFrozen(config.rules[0])).toBe(true)
  })

  it('defaults an empty section to a 15s interval without rules', () => {
    expect(alertsSectionSchema.parse({})).toMatchObject({ intervalMs: 15_000, repeatIntervalMs: 4 * 3_600_000, rules: [], channels: [] })
  })

  it('accepts short group names and the default PagerDuty and Opsgenie endpoints', () => {
    const config = alertsSectionSchema.parse({
      channels: [
        { name: 'pd', type: 'pagerduty', routing_key: 'r'.repeat(32) },
        { name: 'og', type: 'opsgenie', api_key: 'k' },
      ],
      rules: [{ name: 'r1', type: 'error_rate', service: 'oms', threshold: 0.1, group_by: ['store', 'channel'], channels: ['pd', 'og'] }],
    })
    expect(config.channels.map((c) => c.url)).toEqual(['https://events.pagerduty.com/v2/enqueue', 'https://api.opsgenie.com/v2/alerts'])
    expect(config.rules[0]!.groupBy).toEqual(['retail.store.id', 'retail.channel'])
  })

  it('names the rule and the field of every bad value', () => {
    const found = messages({
      interval: '15 seconds',
      rules: [
        { name: 'erp-posting-latency', type: 'latency', service: 'erp-gateway', threshold_ms: 'fast' },
        { name: 'stock-drift', type: 'inventory_mismatch', for: '10 minutes', group_by: ['retail.sku'] },
        { name: 'mystery', type: 'cpu', threshold: 1 },
        { name: 'typo', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 5, maxpending: 5 },
        { name: 'queue', type: 'queue_delay', threshold_ms: 30_000 },
      ],
    })
    expect(found).toContain('interval: must be a duration such as 15s, 5m, 2h or 24h')
    expect(found).toContain("rules.0.threshold_ms: rule 'erp-posting-latency': Invalid input: expected number, received string")
    expect(found).toContain("rules.1.for: rule 'stock-drift': must be a duration such as 15s, 5m, 2h or 24h")
    expect(found.find((m) => m.startsWith("rules.1.group_by.0: rule 'stock-drift': must be one of"))).toBeDefined()
    expect(found.find((m) => m.startsWith("rules.2.type: rule 'mystery'"))).toBeDefined()
    expect(found.find((m) => m.startsWith("rules.3: rule 'typo'") && m.includes('maxpending'))).toBeDefined()
    expect(found).toContain("rules.4: rule 'queue': names what it watches: a destination, a hop (from and to, services), or both")
  })

  it('names channels a rule refers to that do not exist, and names defined twice', () => {
    const found = messages({
      channels: [
        { name: 'hook', type: 'webhook', url: 'https://example.com/h', secret: 's'.repeat(16) },
        { name: 'hook', type: 'slack', url: 'https://hooks.slack.com/x' },
      ],
      rules: [
        { name: 'a', type: 'error_rate', service: 'oms', threshold: 0.1, channels: ['hook', 'pager'] },
        { name: 'a', type: 'error_rate', service: 'oms', threshold: 0.2 },
      ],
    })
    expect(found).toContain("channels.1.name: channel 'hook' is defined twice")
    expect(found).toContain("rules.1.name: rule 'a' is defined twice")
    expect(found).toContain("rules.0.channels.1: rule 'a': no channel named 'pager' (defined: hook)")
  })

  it('checks channel fields: a short webhook secret, a PagerDuty key of the wrong length, a non-http URL', () => {
    const found = messages({
      channels: [
        { name: 'hook', type: 'webhook', url: 'https://example.com/h', secret: 'short' },
        { name: 'pd', type: 'pagerduty', routing_key: 'abc' },
        { name: 'chat', type: 'slack', url: 'ftp://example.com' },
      ],
    })
    expect(found).toContain("channels.0.secret: channel 'hook': must be at least 16 characters")
    expect(found).toContain("channels.1.routing_key: channel 'pd': must be the 32-character integration key")
    expect(found).toContain("channels.2.url: channel 'chat': must be an http or https URL")
  })

  it("checks that journey stages belong to the rule's journey", () => {
    const found = messages({
      rules: [
        {
          name: 'sla',
          type: 'stage_sla',
          journey: 'order',
          after: 'order.placed',
          expect: 'return.received',
          within: '1h',
          unless: ['sale.completed'],
        },
        { name: 'bl', type: 'backlog', from_stage: 'sale.published', to_stage: 'order.invoiced', max_pending: 1 },
        { name: 'lb', type: 'stage_sla', journey: 'order', after: 'order.placed', expect: 'order.invoiced', within: '2h', lookback: '1h' },
      ],
    })
    expect(found).toContain("rules.0.expect: rule 'sla': 'return.received' is not a stage of the order journey")
    expect(found).toContain("rules.0.unless.0: rule 'sla': 'sale.completed' is not a stage of the order journey")
    expect(found).toContain("rules.1.to_stage: rule 'bl': 'order.invoiced' and 'sale.published' belong to different journeys")
    expect(found).toContain("rules.2.lookback: rule 'lb': must be longer than within, or no journey could ever be late")
  })

  it('refuses an error-rate threshold that is not a share and an interval under a second', () => {
    const found = messages({ interval: '500ms', rules: [{ name: 'e', type: 'error_rate', service: 'oms', threshold: 5 }] })
    expect(found).toContain('interval: must be at least 1s')
    expect(found).toContain("rules.0.threshold: rule 'e': is a share of spans: between 0 and 1")
  })
})
