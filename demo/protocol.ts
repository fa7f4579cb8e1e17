/**
 * What the estate's parent process and its system processes say to each other over IPC: the
 * journeys the parent starts, and how each journey ended. Business traffic between the systems
 * goes over HTTP, never through here.
 */
import type { EstateSystem, Region } from './catalogue.ts'
import type { FaultMix } from './faults.ts'
import type { JourneyType } from './options.ts'

/** Identifies one journey: its type and root business key. */
export interface JourneyRef {
  readonly type: JourneyType
  readonly key: string
}

/** How a journey ended, as far as the estate knows. */
export type JourneyOutcome = 'complete' | 'stalled' | 'failed'

/** A customer order from the storefront or a marketplace. */
export interface OrderSpec {
  readonly orderId: string
  readonly channel: 'web' | 'app' | 'marketplace'
  readonly region: Region
  /** Home delivery, or buy online and pick up in store. */
  readonly fulfilment: 'ship' | 'pickup'
  /** The pick-up store, or the customer's nearest store for a home delivery. */
  readonly storeId: string
  readonly sku: string
  readonly quantity: number
  readonly amount: number
  readonly currency: string
}

/** A sale at a store till. */
export interface SaleSpec {
  readonly orderId: string
  readonly storeId: string
  readonly region: Region
  readonly sku: string
  readonly quantity: number
  readonly amount: number
  readonly currency: string
  readonly tender: 'card' | 'cash'
}

/** A completed order coming back. */
export interface ReturnSpec {
  readonly returnId: string
  readonly orderId: string
  readonly paymentId: string
  readonly channel: OrderSpec['channel']
  readonly region: Region
  readonly storeId: string
  readonly sku: string
  readonly quantity: number
  readonly amount: number
  readonly currency: string
}

/** A promotion that merchandising rolls out to every channel. */
export interface PromotionSpec {
  readonly promotionId: string
  readonly name: string
  readonly skus: readonly string[]
  readonly discountPercent: number
  readonly storeIds: readonly string[]
}

/** A settlement batch of the payment captures not yet settled. */
export interface SettlementSpec {
  readonly settlementId: string
  /** Batches left to cut, this one included: this batch takes its share of the open captures. */
  readonly batchesLeft: number
  readonly currency: string
}

/** A journey the parent asks the originating system to start. */
export type DriveCommand =
  | { readonly journey: 'order'; readonly order: OrderSpec }
  | { readonly journey: 'sale'; readonly sale: SaleSpec }
  | { readonly journey: 'return'; readonly return: ReturnSpec }
  | { readonly journey: 'promotion'; readonly promotion: PromotionSpec }
  | { readonly journey: 'settlement'; readonly settlement: SettlementSpec }

/** The system where each journey type starts. */
export const ORIGIN_OF: Readonly<Record<JourneyType, EstateSystem>> = {
  order: 'ecommerce',
  sale: 'pos',
  return: 'ecommerce',
  promotion: 'merchandising',
  settlement: 'payment',
}

/** The root key of the journey a command starts. */
export function journeyOf(command: DriveCommand): JourneyRef {
  switch (command.journey) {
    case 'order':
      return { type: 'order', key: command.order.orderId }
    case 'sale':
      return { type: 'sale', key: command.sale.orderId }
    case 'return':
      return { type: 'return', key: command.return.returnId }
    case 'promotion':
      return { type: 'promotion', key: command.promotion.promotionId }
    case 'settlement':
      return { type: 'settlement', key: command.settlement.settlementId }
  }
}

/** What a completed order tells the parent, so it can send a return for it. */
export type CompletedOrder = Omit<ReturnSpec, 'returnId'>

/** Parent to system. */
export type ToSystem =
  | { readonly kind: 'peers'; readonly urls: Readonly<Record<EstateSystem, string>> }
  | { readonly kind: 'drive'; readonly command: DriveCommand }
  | { readonly kind: 'stop' }

/** System to parent. */
export type FromSystem =
  | { readonly kind: 'ready'; readonly url: string }
  | {
      readonly kind: 'journey-ended'
      readonly journey: JourneyRef
      readonly outcome: JourneyOutcome
      readonly reason?: string
      readonly order?: CompletedOrder
    }
  | { readonly kind: 'problem'; readonly message: string }

/** The configuration a system process reads from its environment. */
export interface SystemConfig {
  readonly system: EstateSystem
  readonly serviceName: string
  readonly endpoint: string
  readonly apiKey: string
  readonly seed: number
  readonly rate: number
  readonly stores: number
  readonly faults: FaultMix
}

/** The environment variable that carries a system's configuration, as JSON. */
export const SYSTEM_CONFIG_ENV = 'THROUGHLINE_DEMO_SYSTEM_CONFIG'
