/**
 * The contract's default journeys: order, return, settlement, promotion and store sale. SLAs are
 * what a retail operation would call late, not what the demo estate needs; the config file
 * overrides them per stage.
 */
import { BusinessKey } from '@throughline/sdk/conventions'
import type { JourneyDefinition, StageDefinition } from './model.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

function stage(name: string, slaMs: number, after: readonly string[], extra: Partial<StageDefinition> = {}): StageDefinition {
  return Object.freeze({ name, slaMs, after: Object.freeze([...after]), match: Object.freeze([]), ...extra })
}

function journey(type: string, rootKey: string, linkedKeys: readonly string[], stages: readonly StageDefinition[]): JourneyDefinition {
  return Object.freeze({ type, rootKey, linkedKeys: Object.freeze([...linkedKeys]), stages: Object.freeze([...stages]) })
}

/** An online order: paid, reserved, created in the ERP, then shipped or picked up in store, then invoiced; beside it, the invoice's tax posted. */
export const ORDER_JOURNEY = journey(
  'order',
  BusinessKey.order,
  [BusinessKey.payment, BusinessKey.return, BusinessKey.shipment, BusinessKey.settlement, BusinessKey.erpDocument],
  [
    stage('order.placed', 0, []),
    stage('order.payment_authorized', 5 * MINUTE, ['order.placed']),
    stage('order.inventory_reserved', 15 * MINUTE, ['order.payment_authorized']),
    stage('order.erp_created', 30 * MINUTE, ['order.inventory_reserved'], { once: true }),
    stage('order.shipped', 2 * DAY, ['order.erp_created'], { branch: 'ship' }),
    stage('order.ready_for_pickup', 2 * HOUR, ['order.erp_created'], { branch: 'pickup' }),
    stage('order.picked_up', 3 * DAY, ['order.ready_for_pickup'], { branch: 'pickup' }),
    stage('order.invoiced', 1 * HOUR, ['order.shipped', 'order.picked_up'], { once: true }),
    stage('order.tax_posted', 1 * HOUR, ['order.invoiced'], { once: true, side: true }),
  ],
)

/** A return: started by the customer, received, refunded, inspected and credited in the ERP. */
export const RETURN_JOURNEY = journey(
  'return',
  BusinessKey.return,
  [BusinessKey.order, BusinessKey.payment, BusinessKey.erpDocument],
  [
    stage('return.initiated', 0, []),
    stage('return.received', 14 * DAY, ['return.initiated']),
    stage('return.refunded', 1 * DAY, ['return.received'], { once: true }),
    stage('return.inspected', 2 * DAY, ['return.refunded']),
    stage('return.erp_credited', 1 * DAY, ['return.inspected'], { once: true }),
  ],
)

/** A payment settlement: captures batched, posted to the ERP and reconciled with the payout. */
export const SETTLEMENT_JOURNEY = journey(
  'settlement',
  BusinessKey.settlement,
  [BusinessKey.payment, BusinessKey.erpDocument],
  [
    stage('settlement.captured', 0, []),
    stage('settlement.batched', 1 * DAY, ['settlement.captured']),
    stage('settlement.erp_posted', 4 * HOUR, ['settlement.batched'], { once: true }),
    stage('settlement.reconciled', 3 * DAY, ['settlement.erp_posted']),
  ],
)

/** A promotion: published, live online and in every store, then its prices synced to the ERP. */
export const PROMOTION_JOURNEY = journey(
  'promotion',
  BusinessKey.promotion,
  [BusinessKey.erpDocument],
  [
    stage('promotion.published', 0, []),
    stage('promotion.ecommerce_live', 30 * MINUTE, ['promotion.published']),
    stage('promotion.store_live', 2 * HOUR, ['promotion.published'], { perStore: true }),
    stage('promotion.erp_synced', 1 * HOUR, ['promotion.store_live']),
  ],
)

/** A store sale (an order id with channel pos): rung up, published from the store, posted to the ERP; beside it, its tax posted. */
const SALE_JOURNEY = journey(
  'sale',
  BusinessKey.order,
  [BusinessKey.payment, BusinessKey.erpDocument],
  [
    stage('sale.completed', 0, []),
    stage('sale.published', 15 * MINUTE, ['sale.completed']),
    stage('sale.erp_posted', 1 * HOUR, ['sale.published'], { once: true }),
    stage('sale.tax_posted', 1 * HOUR, ['sale.published'], { once: true, side: true }),
  ],
)

/** The journeys every installation has without a config file. */
export const DEFAULT_JOURNEYS: readonly JourneyDefinition[] = Object.freeze([
  ORDER_JOURNEY,
  RETURN_JOURNEY,
  SETTLEMENT_JOURNEY,
  PROMOTION_JOURNEY,
  SALE_JOURNEY,
])
