import { describe, expect, it } from 'vitest'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'
import { journeysSectionSchema } from './config-schema.ts'
import { DEFAULT_JOURNEYS } from './defaults.ts'
import { resolveJourneys } from './resolve.ts'
import { journeyTypeView } from './type-view.ts'

/** Each stage that plays a role, as `[role, stage]` in the type's order, so a role shown twice shows. */
function rolesOf(definitions: typeof DEFAULT_JOURNEYS, type: string): [string, string][] {
  const view = journeyTypeView(definitions.find((j) => j.type === type)!)
  return view.stages.flatMap((s) => (s.role === undefined ? [] : [[s.role, s.name] as [string, string]]))
}

describe('journeyTypeView', () => {
  it('shows the roles the default stages play by their names, refunds and pickups included', () => {
    expect(rolesOf(DEFAULT_JOURNEYS, 'return')).toEqual([
      ['refunded', 'return.refunded'],
      ['erp_credited', 'return.erp_credited'],
    ])
    expect(rolesOf(DEFAULT_JOURNEYS, 'order')).toEqual([
      ['ready_for_pickup', 'order.ready_for_pickup'],
      ['tax_posted', 'order.tax_posted'],
    ])
    expect(rolesOf(DEFAULT_JOURNEYS, 'settlement')).toEqual([
      ['batched', 'settlement.batched'],
      ['erp_posted', 'settlement.erp_posted'],
      ['reconciled', 'settlement.reconciled'],
    ])
  })

  it('gives a role to the stage a config file names for it, and no longer to the stage named after it', () => {
    const section = journeysSectionSchema.parse([
      {
        type: 'return',
        stages: [
          { name: 'return.money_back', after: ['return.received'], sla: '1d', role: 'refunded' },
          { name: 'return.credit_note', sla: '1d', role: 'erp_credited' },
        ],
      },
      {
        type: 'transfer',
        root_key: 'retail.transfer.id',
        stages: [{ name: 'transfer.requested' }, { name: 'transfer.at_counter', sla: '1d', role: 'ready_for_pickup' }],
      },
    ])
    const resolved = resolveJourneys(section, DEFAULT_JOURNEYS, [...BUSINESS_KEYS, 'retail.transfer.id'])
    const journeys = resolved.ok ? resolved.value : []
    expect(rolesOf(journeys, 'return')).toEqual([
      ['refunded', 'return.money_back'],
      ['erp_credited', 'return.credit_note'],
    ])
    expect(rolesOf(journeys, 'transfer')).toEqual([['ready_for_pickup', 'transfer.at_counter']])
  })
})
