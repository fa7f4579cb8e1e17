/**
 * The bodies the estate's systems exchange over HTTP and queues. Each names the business keys
 * it carries, so a system can put them on its spans without relying on the caller's baggage.
 */
import type { Region } from '../catalogue.ts'
import type { OrderSpec, ReturnSpec, SaleSpec } from '../protocol.ts'

/** OMS to payment: authorize an order's amount. */
export interface AuthorizationRequest {
  readonly orderId: string
  readonly amount: number
  readonly currency: string
}

/** Payment's answer to an authorization or capture. */
export interface PaymentReference {
  readonly paymentId: string
}

/** OMS or POS to payment: capture an amount; a till capture has no earlier authorization. */
export interface CaptureRequest {
  readonly paymentId?: string
  readonly orderId: string
  readonly amount: number
  readonly currency: string
}

/** OMS to WMS (queue): reserve stock at a distribution centre or store. */
export interface ReservationRequest {
  readonly order: OrderSpec
  readonly locationId: string
}

/** Callbacks to the OMS about one order. */
export interface OrderEvent {
  readonly orderId: string
  /** The ERP sales order, once created. */
  readonly documentId?: string
  /** The parcel, once shipped. */
  readonly shipmentId?: string
}

/** OMS to ERP (queue): create the sales order. */
export interface SalesOrderMessage {
  readonly order: OrderSpec
  readonly paymentId: string
}

/** OMS to WMS or POS: fulfil an order (ship it, or prepare it for pick-up). */
export interface FulfilmentRequest {
  readonly order: OrderSpec
  readonly locationId: string
}

/** OMS to ERP: invoice a fulfilled order. */
export interface InvoiceRequest {
  readonly orderId: string
  readonly paymentId: string
  readonly amount: number
  readonly currency: string
}

/** An ERP document created for a request. */
export interface ErpDocument {
  readonly documentId: string
}

/** OMS to payment: refund a return; the payment system knows no order. */
export interface RefundRequest {
  readonly returnId: string
  readonly paymentId: string
  readonly amount: number
  readonly currency: string
}

/** OMS to WMS: a return parcel is on its way to the distribution centre. */
export interface ExpectedReturn {
  readonly return: ReturnSpec
  readonly locationId: string
}

/** WMS to OMS: a return parcel arrived. */
export interface ReturnEvent {
  readonly returnId: string
}

/** WMS to ERP: credit an inspected return. */
export interface CreditNoteRequest {
  readonly returnId: string
  readonly sku: string
  readonly quantity: number
  readonly amount: number
  readonly currency: string
  readonly resellable: boolean
}

/** POS to ERP (queue): post a store sale. */
export interface StoreSaleMessage {
  readonly sale: SaleSpec
  readonly paymentId?: string
}

/** Payment to ERP (queue): post a settlement batch. */
export interface SettlementMessage {
  readonly settlementId: string
  readonly payments: number
  readonly amount: number
  readonly currency: string
}

/** Merchandising to storefront, stores (queue) and ERP: a promotion's terms. */
export interface PromotionTerms {
  readonly promotionId: string
  readonly name: string
  readonly skus: readonly string[]
  readonly discountPercent: number
}

/** Merchandising to one store (queue): apply the promotion's prices. */
export interface PriceUpdate {
  readonly promotion: PromotionTerms
  readonly storeId: string
  readonly region: Region
}

/** POS to merchandising: a store's tills carry the promotion. */
export interface StoreLive {
  readonly promotionId: string
  readonly storeId: string
}

/** POS to tax engine: a store sale whose tax is due. */
export interface TaxableSale {
  readonly orderId: string
  readonly storeId: string
  readonly region: string
  readonly amount: number
  readonly currency: string
}

/** OMS to tax engine: an invoiced order whose tax is due. */
export interface TaxableInvoice {
  readonly orderId: string
  readonly channel: string
  readonly region: string
  readonly amount: number
  readonly currency: string
}
