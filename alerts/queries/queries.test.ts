import { describe, expect, it } from 'vitest'
import { DEFAULT_JOURNEYS } from '../../journeys/index.ts'
import type { SchemaTarget } from '../../storage/index.ts'
import { alertsSectionSchema } from '../config-schema.ts'
import type { AlertRule } from '../rules.ts'
import { branchesOf, pendingJourneysOf, UnknownJourneyError } from './journey-queries.ts'
import { alertJourneyIssues } from '../journey-check.ts'
import { NO_ALERTS } from '../rules.ts'
import { toObservation } from './observation-rows.ts'
import { planRound } from './rule-query.ts'

const target: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const now = new Date('2026-03-02T12:00:00.000Z')

/** The statement of one rule asked alone, and how to read its rows; throws what planning it failed with. */
function ruleQuery(target: SchemaTarget, rule: AlertRule, journeys: typeof DEFAULT_JOURNEYS, now: Date) {
  const plan = planRound(target, [rule], journeys, now)
  if (plan.failures[0]) throw plan.failures[0].error
  return { sql: plan.queries[0]!.sql, meaning: plan.queries[0]!.answers[0]!.meaning }
}

function rule(entry: object): AlertRule {
  return alertsSectionSchema.parse({ rules: [entry] }).rules[0]!
}

describe('rule queries', () => {
  it('bind every value as a parameter, attribute names and thresholds included', () => {
    const latency = rule({
      name: 'lat',
      type: 'latency',
      service: "erp'; DROP TABLE spans; --",
      span: 'erp.post_invoice',
      percentile: 99,
      threshold_ms: 2000,
      window: '5m',
      group_by: ['store', 'system'],
    })
    const { sql } = ruleQuery(target, latency, DEFAULT_JOURNEYS, now)
    expect(sql.text).not.toContain('DROP TABLE')
    expect(sql.text).toContain('FROM throughline.spans')
    expect(sql.text).toMatch(/quantile\(\{p\d+:Float64\}\)\(Duration\)/)
    expect(sql.text).toMatch(/\[SpanAttributes\[\{p\d+:String\}\], RetailSystem\] AS groups/)
    expect(Object.values(sql.params)).toEqual(
      expect.arrayContaining([
        "erp'; DROP TABLE spans; --",
        'erp.post_invoice',
        0.99,
        '2000000000',
        'retail.store.id',
        '1772452500.000',
        '1772452800.000',
      ]),
    )
  })

  it('group an ungrouped rule under an empty array', () => {
    const errors = rule({ name: 'err', type: 'error_rate', service: 'oms', threshold: 0.1, min_spans: 25 })
    const { sql } = ruleQuery(target, errors, DEFAULT_JOURNEYS, now)
    expect(sql.text).toContain("CAST([], 'Array(String)') AS groups")
    expect(sql.text).toMatch(/HAVING count\(\) >= \{p\d+:Int64\}/)
    expect(Object.values(sql.params)).toContain(25)
  })

  it("read a journey rule's root key and other branches from the journey definitions", () => {
    const pickup = rule({
      name: 'pickup',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '2h',
      where: { 'retail.fulfilment': 'pickup' },
    })
    const question = pendingJourneysOf(pickup as Extract<AlertRule, { type: 'stage_sla' }>, DEFAULT_JOURNEYS)
    expect(question).toMatchObject({
      rootKey: 'retail.order.id',
      unless: [],
      branches: { others: ['order.shipped'], own: ['order.ready_for_pickup', 'order.picked_up'] },
      olderThanMs: 7_200_000,
    })
    // The first stage (where the amount and the fulfilment are), the two stages, and both branches.
    expect(question.stagesRead).toEqual([
      'order.placed',
      'order.inventory_reserved',
      'order.ready_for_pickup',
      'order.shipped',
      'order.picked_up',
    ])
    const { sql, meaning } = ruleQuery(target, pickup, DEFAULT_JOURNEYS, now)
    expect(meaning).toEqual({ unit: 'orders', journeyType: 'order' })
    expect(sql.text).toContain('FROM throughline.journey_stages')
    expect(sql.text).toMatch(/Stage IN \{p\d+:Array\(String\)\}/)
    // The journey state has no fulfilment: that `where` is looked for on the pending journeys' spans.
    expect(sql.text).toContain('FROM throughline.spans')
    expect(sql.text).toMatch(/countIf\(SpanAttributes\[\{p\d+:String\}\] = \{p\d+:String\}\) AS s0/)
    expect(sql.text).toContain('WHERE s0 > 0')
    expect(Object.values(sql.params)).toEqual(expect.arrayContaining(['retail.fulfilment', 'pickup', ['order.shipped']]))
  })

  it('find the settlement stages by their roles, so a config that renamed them keeps the default rule working', () => {
    const unposted = rule({ name: 'unposted', type: 'settlement_unposted', older_than: '24h' }) as Extract<
      AlertRule,
      { type: 'settlement_unposted' }
    >
    expect(pendingJourneysOf(unposted, DEFAULT_JOURNEYS)).toMatchObject({
      journeyType: 'settlement',
      after: 'settlement.batched',
      expect: 'settlement.erp_posted',
    })
    const renamed = DEFAULT_JOURNEYS.map((journey) =>
      journey.type !== 'settlement'
        ? journey
        : {
            ...journey,
            stages: journey.stages.map((stage) =>
              stage.name === 'settlement.batched' ? { ...stage, name: 'settlement.in_sap_batch', role: 'batched' as const } : stage,
            ),
          },
    )
    expect(pendingJourneysOf(unposted, renamed)).toMatchObject({ after: 'settlement.in_sap_batch', expect: 'settlement.erp_posted' })
    const unnamed = renamed.map((journey) =>
      journey.type !== 'settlement' ? journey : { ...journey, stages: journey.stages.map((stage) => ({ ...stage, role: undefined })) },
    )
    expect(() => pendingJourneysOf(unposted, unnamed)).toThrow(/no stage that plays the batched or erp_posted role/)
    expect(alertJourneyIssues({ ...NO_ALERTS, rules: [unposted] }, unnamed).map((issue) => issue.message)).toEqual([
      expect.stringMatching(/no stage with the batched role/),
    ])
  })

  it('refuse a duplicate rule on a stage that may repeat, or a journey with no once-only stage', () => {
    const on = (journey: string, stage?: string) =>
      rule({ name: 'dup', type: 'duplicate', journey, ...(stage ? { stage } : {}) }) as Extract<AlertRule, { type: 'duplicate' }>
    const issues = (r: AlertRule) => alertJourneyIssues({ ...NO_ALERTS, rules: [r] }, DEFAULT_JOURNEYS).map((issue) => issue.message)
    expect(issues(on('order'))).toEqual([])
    expect(issues(on('order', 'order.erp_created'))).toEqual([])
    expect(issues(on('order', 'order.placed'))).toEqual([
      "rule 'dup': 'order.placed' is not a once-only stage; mark it with once: true in journeys",
    ])
    expect(issues(on('promotion'))).toEqual([
      "rule 'dup': the promotion journey has no once-only stage; mark one with once: true in journeys",
    ])
    expect(issues(on('transfer'))).toEqual([expect.stringMatching(/no journey type 'transfer' is configured/)])
  })

  it('read only the journey state for a where on a column it keeps, and one statement for rules of one journey type', () => {
    const store = rule({
      name: 'pickup',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.inventory_reserved',
      expect: 'order.ready_for_pickup',
      within: '2h',
      where: { 'retail.store.id': 'S01' },
      group_by: ['region'],
    })
    const { sql } = ruleQuery(target, store, DEFAULT_JOURNEYS, now)
    expect(sql.text).not.toContain('throughline.spans')
    expect(sql.text).toMatch(/countIf\(Store = \{p\d+:String\} AND Stage IN \{p\d+:Array\(String\)\}\)/)
    const rules = alertsSectionSchema.parse({
      rules: [
        { name: 'a', type: 'stage_sla', journey: 'order', after: 'order.placed', expect: 'order.invoiced', within: '2h' },
        {
          name: 'b',
          type: 'stage_sla',
          journey: 'order',
          after: 'order.placed',
          expect: 'order.invoiced',
          within: '3h',
          group_by: ['store'],
        },
        {
          name: 'c',
          type: 'stage_sla',
          journey: 'order',
          after: 'order.placed',
          expect: 'order.invoiced',
          within: '3h',
          group_by: ['store'],
          where: { 'retail.fulfilment': 'ship' },
        },
        { name: 'd', type: 'backlog', from_stage: 'order.placed', to_stage: 'order.invoiced', max_pending: 10 },
        { name: 'e', type: 'backlog', from_stage: 'order.placed', to_stage: 'order.invoiced', max_pending: 20 },
      ],
    }).rules
    const plan = planRound(target, rules, DEFAULT_JOURNEYS, now)
    expect(plan.queries.map((q) => q.answers.map((a) => [a.rule.name, 'question' in a ? a.question : 0]))).toEqual([
      [
        ['a', 1],
        ['b', 2],
        ['d', 3],
        ['e', 3],
      ],
      [['c', 1]],
    ])
  })

  it('find the root key of a backlog and of unposted settlements from their stages', () => {
    const backlog = rule({ name: 'bl', type: 'backlog', from_stage: 'sale.published', to_stage: 'sale.erp_posted', max_pending: 5 })
    const settlements = rule({ name: 'set', type: 'settlement_unposted', older_than: '24h' })
    expect(ruleQuery(target, backlog, DEFAULT_JOURNEYS, now).meaning).toEqual({ unit: 'sales', journeyType: 'sale' })
    expect(Object.values(ruleQuery(target, settlements, DEFAULT_JOURNEYS, now).sql.params)).toEqual(
      expect.arrayContaining(['retail.settlement.id', 'settlement.batched', 'settlement.erp_posted']),
    )
  })

  it('refuse a journey nobody configured, unless the rule names its key', () => {
    const transfer = {
      name: 'tr',
      type: 'stage_sla',
      journey: 'transfer',
      after: 'transfer.requested',
      expect: 'transfer.received',
      within: '1d',
    }
    expect(() => ruleQuery(target, rule(transfer), DEFAULT_JOURNEYS, now)).toThrow(UnknownJourneyError)
    // An unconfigured journey is read by its type, the prefix of its stages.
    const keyed = ruleQuery(target, rule({ ...transfer, key: 'retail.transfer.id' }), DEFAULT_JOURNEYS, now)
    expect(keyed.meaning.unit).toBe('transfer journeys')
    expect(keyed.sql.text).not.toMatch(/Stage IN \{p\d+:Array\(String\)\} GROUP BY/)
    expect(Object.values(keyed.sql.params)).toEqual(expect.arrayContaining([['transfer'], 'retail.transfer.id']))
    expect(branchesOf(undefined, 'order.shipped')).toEqual({ others: [], own: [] })
  })

  it('compare stock both now and `for` ago, so propagation lag never counts', () => {
    const drift = rule({ name: 'inv', type: 'inventory_mismatch', tolerance: 2, for: '10m', systems: ['pos', 'erp'] })
    const { sql } = ruleQuery(target, drift, DEFAULT_JOURNEYS, now)
    expect(sql.text).toContain('FROM throughline.inventory_readings')
    expect(sql.text).toContain('spreadNow > {')
    expect(sql.text).toContain('spreadThen > {')
    expect(Object.values(sql.params)).toEqual(expect.arrayContaining(['1772452200.000', ['pos', 'erp']]))
  })
})

describe('observation rows', () => {
  it("map groups by the rule's keys and keys to journeys, with numbers from text", () => {
    const sla = rule({
      name: 'sla',
      type: 'stage_sla',
      journey: 'order',
      after: 'order.placed',
      expect: 'order.invoiced',
      within: '1h',
      group_by: ['store', 'channel'],
    })
    const observation = toObservation(
      sla,
      { unit: 'orders', journeyType: 'order' },
      {
        tenant: 'acme',
        groups: ['S01', 'web'],
        value: '3',
        affected: '3',
        amount: 123.456,
        currency: 'EUR',
        stores: ['S02', 'S01'],
        keys: ['WEB-1', ''],
        traces: ['t1'],
        details: { oldest: 'x' },
      },
    )
    expect(observation).toEqual({
      tenant: 'acme',
      group: { 'retail.store.id': 'S01', 'retail.channel': 'web' },
      value: 3,
      impact: {
        count: 3,
        unit: 'orders',
        amount: 123.46,
        currency: 'EUR',
        stores: ['S01', 'S02'],
        journeys: [{ type: 'order', key: 'WEB-1' }],
        traces: ['t1'],
        details: { oldest: 'x' },
      },
    })
  })
})
