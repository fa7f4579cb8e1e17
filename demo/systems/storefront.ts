/** The web and app storefront: customers place orders and start returns; promotions go live here. */
import { BusinessKey, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { DriveCommand, OrderSpec, ReturnSpec } from '../protocol.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { PromotionTerms } from './messages.ts'
import { money, orderKeys } from './retail-attributes.ts'

/** The storefront (`ecommerce`). */
export function storefront(runtime: SystemRuntime): SystemBehaviour {
  const placeOrder = (order: OrderSpec): Promise<void> =>
    withBusinessKeys(orderKeys(order), () =>
      operation('checkout.place_order', async () => {
        await runtime.work(20, 80)
        await stage('order.placed', () => runtime.call('oms', '/orders', order), {
          ...money(order.amount, order.currency),
          [BusinessKey.sku]: order.sku,
          'retail.fulfilment': order.fulfilment,
        })
      }),
    )

  const startReturn = (request: ReturnSpec): Promise<void> =>
    withBusinessKeys(
      {
        [BusinessKey.return]: request.returnId,
        // The customer starts the return from the order page, so this span ties the two together.
        [BusinessKey.order]: request.orderId,
        [RetailContext.channel]: request.channel,
        [RetailContext.region]: request.region,
      },
      () =>
        operation('account.request_return', async () => {
          await runtime.work(20, 60)
          await stage('return.initiated', () => runtime.call('oms', '/returns', request), {
            ...money(request.amount, request.currency),
            [BusinessKey.sku]: request.sku,
          })
        }),
    )

  return {
    routes: {
      '/promotions': async (body) => {
        const terms = body as PromotionTerms
        await withBusinessKeys({ [BusinessKey.promotion]: terms.promotionId }, () =>
          operation('catalog.activate_promotion', async () => {
            await runtime.work(30, 120)
            stage('promotion.ecommerce_live', { 'retail.promotion.discount_percent': terms.discountPercent })
          }),
        )
        return { live: true }
      },
    },
    topics: {},
    drive: async (command: DriveCommand) => {
      if (command.journey === 'order') await placeOrder(command.order)
      else if (command.journey === 'return') await startReturn(command.return)
    },
  }
}
