import { describe, expect, it } from 'vitest'
import type { JourneyStageType, JourneyTypeView } from '../../core/index.ts'
import { stageAndLater, stagesWithRole, stageWithRole } from './stageRoles.ts'

const stage = (name: string, after: string[], extra: Partial<JourneyStageType> = {}): JourneyStageType => ({
  name,
  after,
  slaMs: 1000,
  ...extra,
})
const ORDER: JourneyTypeView = {
  type: 'order',
  rootKey: 'retail.order.id',
  linkedKeys: [],
  stages: [
    stage('order.placed', []),
    stage('order.erp_created', ['order.placed']),
    stage('order.shipped', ['order.erp_created'], { branch: 'ship' }),
    stage('order.ready_for_pickup', ['order.erp_created'], { branch: 'pickup', role: 'ready_for_pickup' }),
    stage('order.picked_up', ['order.ready_for_pickup'], { branch: 'pickup' }),
    stage('order.invoiced', ['order.shipped', 'order.picked_up']),
  ],
}
const SALE: JourneyTypeView = {
  type: 'sale',
  rootKey: 'retail.order.id',
  linkedKeys: [],
  stages: [stage('sale.completed', []), stage('sale.booked_in_sap', ['sale.completed'], { role: 'erp_posted' })],
}

describe('stage roles', () => {
  it('find the stage the types say plays a role, not the one named after it', () => {
    expect(stageWithRole(SALE, 'erp_posted')).toBe('sale.booked_in_sap')
    expect(stageWithRole(ORDER, 'erp_posted')).toBeUndefined()
    expect(stagesWithRole([ORDER, SALE], 'ready_for_pickup')).toEqual(['order.ready_for_pickup'])
  })

  it('follow a stage to every stage that can come after it, through branches, and to no other branch', () => {
    expect(stageAndLater(ORDER, 'order.ready_for_pickup')).toEqual(['order.ready_for_pickup', 'order.picked_up', 'order.invoiced'])
    expect(stageAndLater(ORDER, 'order.invoiced')).toEqual(['order.invoiced'])
  })
})
