/**
 * The retail semantic conventions: span attribute names that Throughline reads. This file is
 * the single source of truth for them; the platform and the dashboard import it from here.
 */

/** Business keys: identities of the things that travel between systems. */
export const BusinessKey = {
  order: 'retail.order.id',
  return: 'retail.return.id',
  payment: 'retail.payment.id',
  shipment: 'retail.shipment.id',
  settlement: 'retail.settlement.id',
  promotion: 'retail.promotion.id',
  erpDocument: 'retail.erp.document.id',
  sku: 'retail.sku',
} as const

/** One of the business-key attribute names. */
export type BusinessKeyName = (typeof BusinessKey)[keyof typeof BusinessKey]

/** Every business-key attribute name, in a stable order. */
export const BUSINESS_KEYS: readonly BusinessKeyName[] = Object.values(BusinessKey)

/** Context attributes: where and through which channel and system a span happened. */
export const RetailContext = {
  store: 'retail.store.id',
  location: 'retail.location.id',
  channel: 'retail.channel',
  region: 'retail.region',
  system: 'retail.system',
} as const

/**
 * Context attribute names that may travel in baggage beside the business keys. Not
 * `retail.system`: each service names its own system, and an upstream one must not label it.
 */
export const CONTEXT_KEYS: readonly string[] = [RetailContext.store, RetailContext.location, RetailContext.channel, RetailContext.region]

/** Stage, value, retry and dead-letter attributes. */
export const RetailAttribute = {
  stage: 'retail.journey.stage',
  onHand: 'retail.inventory.on_hand',
  inventoryDelta: 'retail.inventory.delta',
  amount: 'retail.amount',
  currency: 'retail.currency',
  retryAttempt: 'retail.retry.attempt',
  deadLetter: 'retail.dead_letter',
  /** On a replayed message's send: the original send it repeats, as `<trace id>-<span id>`. */
  replayOf: 'retail.replay.of',
} as const

/** Channels a sale or order can come through. */
export const CHANNELS = ['web', 'app', 'pos', 'marketplace'] as const

/** A sales channel. */
export type Channel = (typeof CHANNELS)[number]

/** Systems of a retail estate, as `retail.system` names them. */
export const SYSTEMS = ['ecommerce', 'pos', 'erp', 'oms', 'wms', 'payment', 'tax', 'merchandising'] as const

/** One of the context attribute names. */
export type ContextKeyName = (typeof RetailContext)[keyof typeof RetailContext]

/** Span events the SDK records for retries and dead letters. */
export const RetailEvent = {
  retry: 'retail.retry',
  deadLetter: 'retail.dead_letter',
} as const

/** Event attribute that says why a message was dead-lettered. */
export const DEAD_LETTER_REASON = 'retail.dead_letter.reason'
