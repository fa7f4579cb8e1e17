import { describe, expect, it } from 'vitest'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'
import { journeysSectionSchema } from './config-schema.ts'
import { DEFAULT_JOURNEYS, ORDER_JOURNEY } from './defaults.ts'
import { durationText, parseDuration } from '../../core/index.ts'
import { pathStages, stageOfRole } from './model.ts'
import { resolveJourneys, type ResolvedJourneys } from './resolve.ts'

const KEYS = [...BUSINESS_KEYS, 'retail.transfer.id']

function resolve(section: unknown): ResolvedJourneys {
  return resolveJourneys(journeysSectionSchema.parse(section), DEFAULT_JOURNEYS, KEYS)
}

function issuesOf(result: ResolvedJourneys): string[] {
  return result.ok ? [] : result.error.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
}

describe('default journeys', () => {
  it("cover the contract's order, return, settlement, promotion and store sale stages, and beside the path the tax postings", () => {
    expect(Object.fromEntries(DEFAULT_JOURNEYS.map((j) => [j.type, pathStages(j).map((s) => s.name.split('.')[1])]))).toEqual({
      order: ['placed', 'payment_authorized', 'inventory_reserved', 'erp_created', 'shipped', 'ready_for_pickup', 'picked_up', 'invoiced'],
      return: ['initiated', 'received', 'refunded', 'inspected', 'erp_credited'],
      settlement: ['captured', 'batched', 'erp_posted', 'reconciled'],
      promotion: ['published', 'ecommerce_live', 'store_live', 'erp_synced'],
      sale: ['completed', 'published', 'erp_posted'],
    })
    expect(DEFAULT_JOURNEYS.flatMap((j) => j.stages.filter((s) => s.side).map((s) => [s.name, s.after, s.slaMs]))).toEqual([
      ['order.tax_posted', ['order.invoiced'], 3_600_000],
      ['sale.tax_posted', ['sale.published'], 3_600_000],
    ])
    expect(DEFAULT_JOURNEYS.find((j) => j.type === 'sale')!.rootKey).toBe('retail.order.id')
    expect(DEFAULT_JOURNEYS.find((j) => j.type === 'promotion')!.stages.find((s) => s.name === 'promotion.store_live')!.perStore).toBe(true)
    expect(Object.isFrozen(DEFAULT_JOURNEYS[0]!.stages[0])).toBe(true)
  })

  it('are valid under the same checks as configured ones', () => {
    const result = resolveJourneys(undefined, DEFAULT_JOURNEYS, KEYS)
    expect(result.ok && result.value).toEqual(DEFAULT_JOURNEYS)
  })
})

describe('side stages', () => {
  it('let a configured type post beside its path, and a stage added without after follow the path, not the side stage', () => {
    const result = resolve([
      {
        type: 'sale',
        stages: [
          { name: 'sale.receipt_archived', sla: '1d' },
          { name: 'sale.duty_posted', after: ['sale.erp_posted'], sla: '2h', side: true },
        ],
      },
    ])
    const sale = result.ok ? result.value.find((j) => j.type === 'sale')! : undefined
    expect(sale?.stages.find((s) => s.name === 'sale.receipt_archived')?.after).toEqual(['sale.erp_posted'])
    expect(sale?.stages.find((s) => s.name === 'sale.duty_posted')).toMatchObject({
      side: true,
      after: ['sale.erp_posted'],
      slaMs: 7_200_000,
    })
  })

  it('refuse a stage that follows a side stage, and a side stage that follows none', () => {
    expect(
      issuesOf(
        resolve([
          {
            type: 'transfer',
            root_key: 'retail.order.id',
            stages: [
              { name: 'transfer.customs_posted', side: true },
              { name: 'transfer.requested' },
              { name: 'transfer.duty_posted', after: ['transfer.requested'], sla: '1h', side: true },
              { name: 'transfer.sent', after: ['transfer.duty_posted'], sla: '1h' },
            ],
          },
        ]),
      ),
    ).toEqual([
      'journeys.0.stages.0.side: a side stage follows a stage on the path: give it after',
      'journeys.0.stages.3.after: names transfer.duty_posted, a side stage: no stage may follow one',
    ])
  })
})

describe('journeys config', () => {
  it("adjusts a default stage's SLA and adds a match rule for a service that cannot set the stage itself", () => {
    const result = resolve([
      { type: 'order', stages: [{ name: 'order.erp_created', sla: '45m', match: [{ service: 'legacy-erp', span: 'SO.Create' }] }] },
    ])
    expect(issuesOf(result)).toEqual([])
    const order = result.ok ? result.value.find((j) => j.type === 'order')! : undefined
    expect(order!.stages.map((s) => s.name)).toEqual(ORDER_JOURNEY.stages.map((s) => s.name))
    expect(order!.stages[3]).toMatchObject({
      name: 'order.erp_created',
      slaMs: 45 * 60_000,
      after: ['order.inventory_reserved'],
      match: [{ service: 'legacy-erp', span: 'SO.Create' }],
    })
  })

  it('adds a new journey type, each stage after the one listed before it unless it says otherwise', () => {
    const result = resolve([
      {
        type: 'transfer',
        root_key: 'retail.transfer.id',
        linked_keys: ['retail.shipment.id'],
        stages: [
          { name: 'transfer.requested' },
          { name: 'transfer.dispatched', sla: '1d' },
          { name: 'transfer.received', sla: '3d', per_store: true },
        ],
      },
    ])
    expect(issuesOf(result)).toEqual([])
    const transfer = result.ok ? result.value.at(-1)! : undefined
    expect(transfer).toMatchObject({ type: 'transfer', rootKey: 'retail.transfer.id', linkedKeys: ['retail.shipment.id'] })
    expect(transfer!.stages.map((s) => [s.name, s.after, s.slaMs, s.perStore ?? false])).toEqual([
      ['transfer.requested', [], 0, false],
      ['transfer.dispatched', ['transfer.requested'], 86_400_000, false],
      ['transfer.received', ['transfer.dispatched'], 3 * 86_400_000, true],
    ])
  })

  it("replaces a default's stages when asked to", () => {
    const result = resolve([
      { type: 'sale', replace_stages: true, stages: [{ name: 'sale.completed' }, { name: 'sale.erp_posted', sla: '2h' }] },
    ])
    expect(result.ok && result.value.find((j) => j.type === 'sale')!.stages.map((s) => s.name)).toEqual([
      'sale.completed',
      'sale.erp_posted',
    ])
  })

  it('finds the stages the statistics need by role, by name when none is given', () => {
    const result = resolve([
      {
        type: 'sale',
        replace_stages: true,
        stages: [
          { name: 'sale.rung_up' },
          { name: 'sale.sent_to_hq', sla: '15m', role: 'published' },
          { name: 'sale.booked_in_sap', sla: '1h', role: 'erp_posted' },
        ],
      },
    ])
    const journeys = result.ok ? result.value : []
    const sale = journeys.find((j) => j.type === 'sale')!
    expect([stageOfRole(sale, 'published'), stageOfRole(sale, 'erp_posted'), stageOfRole(sale, 'reconciled')]).toEqual([
      'sale.sent_to_hq',
      'sale.booked_in_sap',
      undefined,
    ])
    const settlement = journeys.find((j) => j.type === 'settlement')!
    expect([stageOfRole(settlement, 'batched'), stageOfRole(settlement, 'erp_posted')]).toEqual([
      'settlement.batched',
      'settlement.erp_posted',
    ])
    // A stage that says it is the published one wins over the one named so; two that say so conflict.
    const moved = resolve([{ type: 'sale', stages: [{ name: 'sale.completed', role: 'published' }] }])
    expect(
      moved.ok &&
        stageOfRole(
          moved.value.find((j) => j.type === 'sale')!,
          'published',
        ),
    ).toBe('sale.completed')
    expect(
      issuesOf(
        resolve([
          {
            type: 'sale',
            stages: [
              { name: 'sale.completed', role: 'published' },
              { name: 'sale.erp_posted', role: 'published' },
            ],
          },
        ]),
      ),
    ).toEqual(["journeys.0.stages.1.role: 'published' is already the role of another stage of sale"])
    expect(journeysSectionSchema.safeParse([{ type: 'sale', stages: [{ name: 'sale.completed', role: 'shipped' }] }]).success).toBe(false)
  })

  it('names each bad field: unknown keys, stage prefixes, dangling after, a missing SLA, a missing root key', () => {
    const result = resolve([
      { type: 'transfer', stages: [{ name: 'transfer.requested' }, { name: 'transfer.sent' }] },
      {
        type: 'order',
        linked_keys: ['retail.loyalty.id'],
        stages: [
          { name: 'sale.completed', sla: '1h' },
          { name: 'order.packed', after: ['order.nowhere'], sla: '1h' },
        ],
      },
      { type: 'order' },
    ])
    expect(issuesOf(result)).toEqual([
      "journeys.0.root_key: is required for the new journey type 'transfer'",
      'journeys.0.stages.1.sla: a new stage needs an sla (how long after the previous stage it is due)',
      "journeys.1.linked_keys.0: 'retail.loyalty.id' is not a business key; add it to keys.extra",
      "journeys.1.stages.0.name: must start with 'order.': stage names carry their journey type",
      'journeys.1.stages.1.after: names order.nowhere, which is not a stage listed before order.packed',
      "journeys.2.type: journey type 'order' is listed twice",
    ])
  })

  it('rejects malformed entries in the schema, naming the field', () => {
    const parsed = journeysSectionSchema.safeParse([{ type: 'Order!', stages: [{ name: 'placed', sla: 'soon', match: [{}] }], extra: 1 }])
    expect(parsed.success).toBe(false)
    const paths = parsed.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^0\.type: must be lowercase/),
        expect.stringMatching(/^0\.stages\.0\.name: must be <journey type>\.<stage>/),
        '0.stages.0.sla: must be a duration such as 90s, 15m, 2h or 3d',
        '0.stages.0.match.0: needs at least one of service, span or attributes',
        expect.stringMatching(/extra/),
      ]),
    )
  })
})

describe('durations', () => {
  it("read the config file's units and print them back", () => {
    expect([
      parseDuration('90s'),
      parseDuration('15m'),
      parseDuration('2h'),
      parseDuration('3d'),
      parseDuration('250ms'),
      parseDuration('2 hours'),
    ]).toEqual([90_000, 900_000, 7_200_000, 259_200_000, 250, undefined])
    expect([durationText(7_200_000), durationText(90_000), durationText(1500)]).toEqual(['2h', '90s', '1500ms'])
  })
})
