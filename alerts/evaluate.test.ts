import { describe, expect, it } from 'vitest'
import { dedupKey, type AlertBook } from './alert-record.ts'
import { alertsSectionSchema } from './config-schema.ts'
import { evaluateRound, evaluateRule } from './evaluate.ts'
import { NO_IMPACT, type Impact } from './impact.ts'
import type { LifecyclePolicy } from './lifecycle.ts'
import type { AlertNotification } from './notification.ts'
import { summarise, type Observation } from './observation.ts'
import { silence, unsilence } from './silence.ts'
import type { AlertRule } from './rules.ts'

const SECOND = 1000
const MINUTE = 60 * SECOND
const policy: LifecyclePolicy = {
  repeatIntervalMs: 60 * MINUTE,
  flap: { windowMs: 30 * MINUTE, threshold: 3 },
  keepResolvedMs: 24 * 60 * MINUTE,
  historyLimit: 50,
}

function rules(...entries: object[]): AlertRule[] {
  return [
    ...alertsSectionSchema.parse({ channels: [{ name: 'pager', type: 'pagerduty', routing_key: 'k'.repeat(32) }], rules: entries }).rules,
  ]
}

const [latency] = rules({
  name: 'erp-latency',
  type: 'latency',
  service: 'erp-gateway',
  span: 'erp.post_invoice',
  threshold_ms: 2000,
  for: '1m',
  group_by: ['store'],
  channels: ['pager'],
})
const impact: Impact = {
  ...NO_IMPACT,
  count: 3,
  unit: 'orders',
  stores: ['S01'],
  journeys: [{ type: 'order', key: 'WEB-1' }],
  traces: ['a'.repeat(32)],
}
const obs = (value: number, store = 'S01', tenant = 'acme'): Observation => ({ tenant, group: { 'retail.store.id': store }, value, impact })

/** Runs rounds of one rule: each entry is (seconds since start, observations). */
function run(rule: AlertRule, rounds: [number, Observation[]][], start: AlertBook = {}, p = policy) {
  let book = start
  const sent: (AlertNotification & { round: number })[] = []
  for (const [seconds, observations] of rounds) {
    const result = evaluateRound([rule], new Map([[rule.name, observations]]), book, seconds * SECOND, p)
    book = result.book
    sent.push(...result.notifications.map((n) => ({ ...n, round: seconds })))
  }
  return { book, sent, only: () => Object.values(book)[0] }
}

describe('alert lifecycle', () => {
  it('is pending until the breach has held for `for`, then fires once', () => {
    const { sent, book } = run(latency!, [
      [0, [obs(3000)]],
      [30, [obs(3100)]],
      [60, [obs(3200)]],
      [75, [obs(2900)]],
    ])
    expect(sent.map((n) => [n.round, n.action])).toEqual([[60, 'trigger']])
    const record = Object.values(book)[0]!
    expect(record).toMatchObject({ state: 'firing', activeSince: 0, firedAt: 60 * SECOND, notified: 'trigger', value: 2900 })
    expect(record.history.map((h) => h.state)).toEqual(['pending', 'firing'])
  })

  it('drops a pending alert whose breach clears before `for`, without a word to the paging tools', () => {
    const { sent, book } = run(latency!, [
      [0, [obs(3000)]],
      [30, [obs(100)]],
    ])
    expect(sent).toEqual([])
    expect(book).toEqual({})
  })

  it('resolves with the same dedup_key when the breach clears, whether the group reports a lower figure or none', () => {
    const lower = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
      [90, [obs(800)]],
    ])
    const gone = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
      [90, []],
    ])
    for (const { sent, only } of [lower, gone]) {
      expect(sent.map((n) => n.action)).toEqual(['trigger', 'resolve'])
      expect(sent[0]!.dedupKey).toBe(sent[1]!.dedupKey)
      expect(sent[0]!.dedupKey).toBe(dedupKey('acme', 'erp-latency', { 'retail.store.id': 'S01' }))
      expect(only()).toMatchObject({ state: 'resolved', resolvedAt: 90 * SECOND, notified: 'resolve' })
    }
  })

  it('alerts on at most 100 groups of a tenant, keeps those already alerting, and folds the rest into one summary alert', () => {
    const many = Array.from({ length: 250 }, (_, i) => obs(3000 + i, `S${String(i).padStart(3, '0')}`))
    const first = run(latency!, [[0, [obs(9000, 'KEEP'), ...many.slice(0, 10)]]])
    const { book, sent } = run(
      latency!,
      [
        [60, [obs(2500, 'KEEP'), ...many]],
        [120, [obs(2500, 'KEEP'), ...many]],
      ],
      first.book,
    )
    const groups = Object.values(book)
      .filter((r) => r.tenant === 'acme')
      .map((r) => r.group)
    expect(groups).toHaveLength(100)
    expect(groups).toContainEqual({ 'retail.store.id': 'KEEP' })
    expect(groups).toContainEqual({ 'retail.store.id': 'S249' })
    const summary = Object.values(book).find((r) => r.group.more !== undefined)!
    expect(summary.summary).toMatch(/in 152 more groups/)
    expect(summary.impact.count).toBe(152 * 3)
    expect(sent.filter((n) => n.action === 'trigger')).toHaveLength(100)
    // Another tenant has a cap of its own.
    expect(run(latency!, [[0, many.slice(0, 120).map((o) => ({ ...o, tenant: 'globex' }))]]).book).not.toEqual({})
  })

  it('keeps one alert per tenant and group, each with its own key', () => {
    const { book, sent } = run(latency!, [
      [0, [obs(3000, 'S01'), obs(3000, 'S02'), obs(3000, 'S01', 'globex'), obs(100, 'S03')]],
      [60, [obs(3000, 'S01'), obs(3000, 'S02'), obs(3000, 'S01', 'globex')]],
    ])
    expect(Object.keys(book)).toHaveLength(3)
    expect(new Set(sent.map((n) => n.dedupKey)).size).toBe(3)
    expect(sent.find((n) => n.tenant === 'globex')!.alert.group).toEqual({ 'retail.store.id': 'S01' })
  })

  it('reminds on the repeat interval while firing, under the same key', () => {
    const [rule] = rules({ name: 'r', type: 'latency', service: 's', threshold_ms: 100, repeat: '10m' })
    const { sent } = run(rule!, [
      [0, [obs(500)]],
      [300, [obs(500)]],
      [600, [obs(500)]],
      [900, [obs(500)]],
      [1200, [obs(500)]],
    ])
    expect(sent.map((n) => [n.round, n.action, n.repeat])).toEqual([
      [0, 'trigger', false],
      [600, 'trigger', true],
      [1200, 'trigger', true],
    ])
  })

  it('carries the business impact and a summary naming the figure, the group and the cost', () => {
    const { sent } = run(latency!, [
      [0, [obs(3412)]],
      [60, [obs(3412)]],
    ])
    expect(sent[0]!.alert.impact).toEqual(impact)
    expect(sent[0]!.alert.summary).toBe('p95 of erp-gateway erp.post_invoice is 3412 ms, over 2000 ms (store S01): 3 orders, store S01')
    expect(sent[0]!.channels).toEqual(['pager'])
  })

  it('fires at once when `for` is zero', () => {
    const [rule] = rules({ name: 'r', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 10 })
    const { sent } = run(rule!, [
      [0, [obs(10)]],
      [15, [obs(11)]],
    ])
    expect(sent.map((n) => [n.round, n.action])).toEqual([[15, 'trigger']])
  })

  it('returns to resolved, silently, when a new breach clears before `for`', () => {
    const { sent, only } = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
      [90, []],
      [100, [obs(3000)]],
      [120, []],
    ])
    expect(sent.map((n) => n.action)).toEqual(['trigger', 'resolve'])
    expect(only()).toMatchObject({ state: 'resolved', resolvedAt: 90 * SECOND })
    expect(only()!.history.map((h) => h.state)).toEqual(['pending', 'firing', 'resolved', 'pending', 'resolved'])
  })
})

describe('flapping', () => {
  it('keeps one incident open while an alert flips on and off, then resolves once it settles', () => {
    const [rule] = rules({ name: 'flappy', type: 'error_rate', service: 's', threshold: 0.1, min_spans: 1 })
    const flips: [number, Observation[]][] = []
    for (let i = 0; i < 6; i++) flips.push([i * 120, [obs(0.5)]], [i * 120 + 60, []])
    const { sent, only } = run(rule!, flips)
    // Fired, resolved, fired, resolved; the third firing makes it flap, so the resolve is held.
    expect(sent.map((n) => n.action)).toEqual(['trigger', 'resolve', 'trigger', 'resolve', 'trigger'])
    expect(only()).toMatchObject({ state: 'resolved', flapping: true, notified: 'trigger' })
    // Quiet for the flap window: the firings age out and the incident is resolved.
    const later = run(rule!, [[11 * 60 + 30 * 60, []]], { [only()!.dedupKey]: only()! })
    expect(later.sent.map((n) => n.action)).toEqual(['resolve'])
    expect(later.only()).toMatchObject({ flapping: false, notified: 'resolve' })
  })
})

describe('silences', () => {
  it('hold the trigger back until they expire, then page if it still fires', () => {
    const first = run(latency!, [[0, [obs(3000)]]])
    const silenced = silence(first.only()!, 120 * SECOND, 'ERP maintenance window', 10 * SECOND)
    expect(silenced.ok).toBe(true)
    const book = { [first.only()!.dedupKey]: silenced.ok ? silenced.value : first.only()! }
    const { sent, only } = run(
      latency!,
      [
        [60, [obs(3000)]],
        [90, [obs(3000)]],
        [120, [obs(3000)]],
      ],
      book,
    )
    expect(sent.map((n) => [n.round, n.action])).toEqual([[120, 'trigger']])
    expect(only()!.silencedUntil).toBeUndefined()
    expect(
      only()!
        .history.map((h) => h.note)
        .filter(Boolean),
    ).toEqual(['silenced until 1970-01-01T00:02:00.000Z: ERP maintenance window', 'silence expired'])
  })

  it('still send the resolve of an incident that was opened before the silence', () => {
    const fired = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
    ])
    const muted = silence(fired.only()!, 3600 * SECOND, '', 70 * SECOND)
    const { sent } = run(
      latency!,
      [
        [90, [obs(3000)]],
        [100, []],
      ],
      { [fired.only()!.dedupKey]: muted.ok ? muted.value : fired.only()! },
    )
    expect(sent.map((n) => n.action)).toEqual(['resolve'])
  })

  it('refuse a silence that ends in the past or lasts over 30 days, and can be lifted', () => {
    const { only } = run(latency!, [[0, [obs(3000)]]])
    expect(silence(only()!, 0, '', 10)).toEqual({ ok: false, error: 'the silence must end in the future' })
    expect(silence(only()!, 31 * 86_400_000, '', 0)).toEqual({ ok: false, error: 'a silence lasts at most 30 days' })
    const muted = silence(only()!, 5000, '', 0)
    expect(muted.ok && unsilence(muted.value, 1000).silencedUntil).toBeUndefined()
  })
})

describe('evaluation round', () => {
  it("leaves a rule's alerts as they were when its query failed", () => {
    const fired = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
    ])
    const result = evaluateRound([latency!], new Map(), fired.book, 120 * SECOND, policy)
    expect(result.book).toEqual(fired.book)
    expect(result.notifications).toEqual([])
  })

  it('resolves the alerts of a removed rule, then forgets them', () => {
    const fired = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
    ])
    const first = evaluateRound([], new Map(), fired.book, 120 * SECOND, policy)
    expect(first.notifications.map((n) => n.action)).toEqual(['resolve'])
    expect(Object.values(first.book)[0]!.history.at(-1)!.note).toBe('rule removed from the configuration')
    const second = evaluateRound([], new Map(), first.book, 130 * SECOND, policy)
    expect(second.book).toEqual({})
    expect(second.removed).toEqual([fired.only()!.dedupKey])
  })

  it('forgets a resolved alert after the retention, and reports only material changes', () => {
    const fired = run(latency!, [
      [0, [obs(3000)]],
      [60, [obs(3000)]],
      [90, []],
    ])
    const steady = evaluateRule(latency!, [], Object.values(fired.book), 100 * SECOND, policy)
    expect(steady.changed).toEqual([])
    const forgotten = evaluateRule(latency!, [], Object.values(fired.book), 90 * SECOND + policy.keepResolvedMs, policy)
    expect(forgotten.book).toEqual({})
    expect(forgotten.removed).toHaveLength(1)
  })

  it('tests each rule type against its own threshold', () => {
    const all = rules(
      { name: 'err', type: 'error_rate', service: 's', threshold: 0.05 },
      { name: 'sla', type: 'stage_sla', journey: 'order', after: 'order.placed', expect: 'order.invoiced', within: '2h' },
      { name: 'inv', type: 'inventory_mismatch', tolerance: 2, for: '10m' },
      { name: 'set', type: 'settlement_unposted', older_than: '24h' },
      { name: 'bl', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 500 },
    )
    const values: Record<string, [number, number]> = { err: [0.05, 0.06], sla: [0, 1], inv: [0, 1], set: [0, 2], bl: [500, 501] }
    for (const rule of all) {
      const [quiet, loud] = values[rule.name]!
      const round = evaluateRound([rule], new Map([[rule.name, [obs(quiet, 'A'), obs(loud, 'B')]]]), {}, 0, policy)
      // Only the group over its threshold fires; the inventory rule's `for` is applied in its query.
      expect(round.notifications.map((n) => n.alert.group['retail.store.id'])).toEqual(['B'])
    }
  })
})

describe('summaries', () => {
  it('say what is wrong, where, and what it costs, for the journey and stock rules', () => {
    const [sla, drift] = rules(
      {
        name: 'sla',
        type: 'stage_sla',
        journey: 'order',
        after: 'order.inventory_reserved',
        expect: 'order.ready_for_pickup',
        within: '2h',
        group_by: ['store'],
      },
      { name: 'inv', type: 'inventory_mismatch', tolerance: 2, group_by: ['store'] },
    )
    expect(summarise(sla!, { ...obs(2), impact: { ...impact, count: 2, amount: 1234.5, currency: 'EUR' } })).toBe(
      '2 order journeys reached order.inventory_reserved but not order.ready_for_pickup within 2h (store S01): 2 orders, 1,234.50 EUR, store S01',
    )
    expect(summarise(drift!, { ...obs(1), impact: { ...impact, details: { pairs: 'SKU-1 at S01: pos 11, erp 18' } } })).toBe(
      'on-hand differs between systems by more than 2 units for 1 SKU (store S01): SKU-1 at S01: pos 11, erp 18',
    )
  })
})
