/**
 * The stores' point of sale, one process for every store: till sales published to the ERP,
 * click-and-collect pick-ups, and promotion prices arriving from merchandising.
 */
import { BusinessKey, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { JourneyRef, SaleSpec } from '../protocol.ts'
import { StockLedger } from '../runtime/stock-ledger.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { FulfilmentRequest, PaymentReference, PriceUpdate, StoreSaleMessage, TaxableSale } from './messages.ts'
import { money, orderKeys, stockLevel } from './retail-attributes.ts'

/** Store staff pick a click-and-collect order and put it on the shelf, at rate 1. */
const PICKUP_READY_MS = { min: 4_000, max: 15_000 } as const
/** The customer arrives to collect it. */
const COLLECTION_MS = { min: 8_000, max: 30_000 } as const
/** A store's tills load new prices on their next sync. */
const PRICE_SYNC_MS = { min: 1_000, max: 8_000 } as const

/** The POS (`pos`). */
export function storePos(runtime: SystemRuntime): SystemBehaviour {
  const { random } = runtime
  const stock = new StockLedger(runtime.config.seed)

  const ringUpSale = (sale: SaleSpec): Promise<void> => {
    const journey: JourneyRef = { type: 'sale', key: sale.orderId }
    const keys = {
      [BusinessKey.order]: sale.orderId,
      [RetailContext.store]: sale.storeId,
      [RetailContext.channel]: 'pos',
      [RetailContext.region]: sale.region,
    }
    return withBusinessKeys(keys, () =>
      operation('pos.checkout', async () => {
        await runtime.work(30, 150)
        const onHand = stock.sell(sale.sku, sale.storeId, sale.quantity)
        stage('sale.completed', {
          ...money(sale.amount, sale.currency),
          ...stockLevel(sale.sku, sale.storeId, onHand, -sale.quantity),
          'retail.tender': sale.tender,
        })
        const payment =
          sale.tender === 'card'
            ? ((await runtime.call('payment', '/payments/capture', {
                orderId: sale.orderId,
                amount: sale.amount,
                currency: sale.currency,
              })) as PaymentReference)
            : undefined
        const message: StoreSaleMessage = { sale, paymentId: payment?.paymentId }
        // The sale enters the store's outbox either way; an offline store never forwards it.
        await stage('sale.published', async () => {
          if (runtime.faults.holdsBackSale(sale.storeId, random))
            runtime.report(journey, 'stalled', { reason: `${sale.storeId} is offline` })
          else await runtime.publish('erp', 'store-sales', journey, message)
        })
        const taxable: TaxableSale = {
          orderId: sale.orderId,
          storeId: sale.storeId,
          region: sale.region,
          amount: sale.amount,
          currency: sale.currency,
        }
        await runtime.call('tax', '/tax/sales', taxable)
      }),
    )
  }

  const collect = (request: FulfilmentRequest): Promise<void> =>
    withBusinessKeys(orderKeys(request.order), () =>
      operation('pos.hand_over_pickup', async () => {
        await runtime.work(60, 240)
        stage('order.picked_up', { [RetailContext.location]: request.locationId })
        await runtime.call('oms', '/orders/fulfilled', { orderId: request.order.orderId })
      }),
    )

  const prepare = (request: FulfilmentRequest, journey: JourneyRef): Promise<void> =>
    withBusinessKeys(orderKeys(request.order), () =>
      operation('pos.stage_pickup', async () => {
        await runtime.work(40, 160)
        stage('order.ready_for_pickup', { [RetailContext.location]: request.locationId, [BusinessKey.sku]: request.order.sku })
        runtime.later(random.between(COLLECTION_MS.min, COLLECTION_MS.max), journey, () => collect(request))
      }),
    )

  return {
    routes: {
      '/pickups': (body) => {
        const request = body as FulfilmentRequest
        const journey: JourneyRef = { type: 'order', key: request.order.orderId }
        runtime.later(random.between(PICKUP_READY_MS.min, PICKUP_READY_MS.max), journey, () => prepare(request, journey))
        return Promise.resolve({ scheduled: true })
      },
    },
    topics: {
      'price-updates': async (payload) => {
        const { promotion, storeId } = payload as PriceUpdate
        await withBusinessKeys({ [BusinessKey.promotion]: promotion.promotionId, [RetailContext.store]: storeId }, async () => {
          await runtime.pause(random.between(PRICE_SYNC_MS.min, PRICE_SYNC_MS.max))
          stage('promotion.store_live', { 'retail.promotion.discount_percent': promotion.discountPercent })
          await runtime.call('merchandising', '/promotions/store-live', { promotionId: promotion.promotionId, storeId })
        })
      },
    },
    drive: async (command) => {
      if (command.journey === 'sale') await ringUpSale(command.sale)
    },
  }
}
