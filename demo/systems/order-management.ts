/**
 * The order management system: takes orders, has them paid, reserved, created in the ERP,
 * fulfilled and invoiced, and runs returns through the warehouse and the refund.
 */
import { BusinessKey, withBusinessKeys } from '@throughline/sdk'
import { distributionCentre } from '../catalogue.ts'
import type { JourneyRef, OrderSpec, ReturnSpec } from '../protocol.ts'
import { detached, operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type {
  ExpectedReturn,
  FulfilmentRequest,
  OrderEvent,
  PaymentReference,
  RefundRequest,
  ReservationRequest,
  ReturnEvent,
  SalesOrderMessage,
  TaxableInvoice,
} from './messages.ts'
import { remember } from '../runtime/remember.ts'
import { orderKeys } from './retail-attributes.ts'

interface OpenOrder {
  readonly order: OrderSpec
  readonly paymentId: string
}

function orderJourney(orderId: string): JourneyRef {
  return { type: 'order', key: orderId }
}

/** The OMS (`oms`). */
export function orderManagement(runtime: SystemRuntime): SystemBehaviour {
  const orders = new Map<string, OpenOrder>()
  const returns = new Map<string, ReturnSpec>()

  const openOrder = (orderId: string): OpenOrder => {
    const open = orders.get(orderId)
    if (open === undefined) throw new Error(`unknown order ${orderId}`)
    return open
  }

  const fulfilmentLocation = (order: OrderSpec): string =>
    order.fulfilment === 'pickup' ? order.storeId : distributionCentre(order.region)

  return {
    routes: {
      '/orders': async (body) => {
        const order = body as OrderSpec
        return withBusinessKeys(orderKeys(order), () =>
          operation('oms.accept_order', async () => {
            await runtime.work(15, 60)
            const { paymentId } = (await runtime.call('payment', '/payments/authorize', {
              orderId: order.orderId,
              amount: order.amount,
              currency: order.currency,
            })) as PaymentReference
            remember(orders, order.orderId, { order, paymentId })
            const reservation: ReservationRequest = { order, locationId: fulfilmentLocation(order) }
            await runtime.publish('wms', 'inventory-reservations', orderJourney(order.orderId), reservation)
            return { accepted: true, paymentId }
          }),
        )
      },
      '/orders/reserved': async (body) => {
        const { orderId } = body as OrderEvent
        const { order, paymentId } = openOrder(orderId)
        await withBusinessKeys(orderKeys(order), () =>
          operation('oms.release_to_erp', () =>
            runtime.publish('erp', 'sales-orders', orderJourney(orderId), { order, paymentId } satisfies SalesOrderMessage),
          ),
        )
        return { released: true }
      },
      '/orders/erp-created': async (body) => {
        const { orderId } = body as OrderEvent
        const { order } = openOrder(orderId)
        const request: FulfilmentRequest = { order, locationId: fulfilmentLocation(order) }
        // Home deliveries leave the distribution centre; pick-ups are prepared by the store.
        const fulfil = (): Promise<unknown> =>
          order.fulfilment === 'ship' ? runtime.call('wms', '/fulfilments', request) : runtime.call('pos', '/pickups', request)
        await withBusinessKeys(orderKeys(order), () => operation('oms.request_fulfilment', fulfil))
        return { fulfilling: true }
      },
      '/orders/fulfilled': async (body) => {
        const { orderId } = body as OrderEvent
        const { order, paymentId } = openOrder(orderId)
        await withBusinessKeys({ ...orderKeys(order), [BusinessKey.payment]: paymentId }, () =>
          operation('oms.complete_order', async () => {
            await runtime.call('payment', '/payments/capture', { paymentId, orderId, amount: order.amount, currency: order.currency })
            await runtime.call('erp', '/invoices', { orderId, paymentId, amount: order.amount, currency: order.currency })
            const taxable: TaxableInvoice = {
              orderId,
              channel: order.channel,
              region: order.region,
              amount: order.amount,
              currency: order.currency,
            }
            await runtime.call('tax', '/tax/invoices', taxable)
          }),
        )
        orders.delete(orderId)
        const { channel, region, storeId, sku, quantity, amount, currency } = order
        runtime.report(orderJourney(orderId), 'complete', {
          order: { orderId, paymentId, channel, region, storeId, sku, quantity, amount, currency },
        })
        return { completed: true }
      },
      '/returns': async (body) => {
        const request = body as ReturnSpec
        remember(returns, request.returnId, request)
        const expected: ExpectedReturn = { return: request, locationId: distributionCentre(request.region) }
        await operation('oms.authorize_return', () => runtime.call('wms', '/returns/expected', expected))
        return { label: `LBL-${request.returnId.slice(4)}` }
      },
      '/returns/received': async (body) => {
        const { returnId } = body as ReturnEvent
        const request = returns.get(returnId)
        if (request === undefined) throw new Error(`unknown return ${returnId}`)
        returns.delete(returnId)
        const refund: RefundRequest = { returnId, paymentId: request.paymentId, amount: request.amount, currency: request.currency }
        // The refund job sees the return and the payment only, never the order: the platform has
        // to stitch the refund to the order through the payment.
        await detached(() =>
          withBusinessKeys({ [BusinessKey.return]: returnId, [BusinessKey.payment]: request.paymentId }, () =>
            operation('oms.request_refund', () => runtime.call('payment', '/refunds', refund)),
          ),
        )
        return { refunded: true }
      },
    },
    topics: {},
  }
}
