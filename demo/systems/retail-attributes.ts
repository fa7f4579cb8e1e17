/** Span attributes and business keys in the retail conventions, built from the estate's records. */
import type { Attributes } from '@opentelemetry/api'
import { BusinessKey, RetailAttribute, RetailContext } from '@throughline/sdk'
import type { BusinessKeys } from '@throughline/sdk'
import type { OrderSpec } from '../protocol.ts'

/** An amount of money. */
export function money(amount: number, currency: string): Attributes {
  return { [RetailAttribute.amount]: amount, [RetailAttribute.currency]: currency }
}

/** An order's business keys and context; a pick-up order also names its store. */
export function orderKeys(order: OrderSpec): BusinessKeys {
  return {
    [BusinessKey.order]: order.orderId,
    [RetailContext.channel]: order.channel,
    [RetailContext.region]: order.region,
    [RetailContext.store]: order.fulfilment === 'pickup' ? order.storeId : undefined,
  }
}

/** Units of an article on hand at a location, after a change of `delta` units. */
export function stockLevel(sku: string, locationId: string, onHand: number, delta: number): Attributes {
  return {
    [BusinessKey.sku]: sku,
    [RetailContext.location]: locationId,
    [RetailAttribute.onHand]: onHand,
    [RetailAttribute.inventoryDelta]: delta,
  }
}
