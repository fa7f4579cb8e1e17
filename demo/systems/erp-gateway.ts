/**
 * The ERP gateway: creates sales orders, posts invoices, credit notes, store sales and
 * settlements, syncs promotions, and keeps the ERP's view of store stock.
 */
import { BusinessKey, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { JourneyRef } from '../protocol.ts'
import { StockLedger } from '../runtime/stock-ledger.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type {
  CreditNoteRequest,
  ErpDocument,
  InvoiceRequest,
  PromotionTerms,
  SalesOrderMessage,
  SettlementMessage,
  StoreSaleMessage,
} from './messages.ts'
import { money, stockLevel } from './retail-attributes.ts'

/** The payout for a settlement shows on the bank statement this long after posting, at rate 1. */
const PAYOUT_MS = { min: 8_000, max: 25_000 } as const

/** The ERP gateway (`erp`, service `erp-gateway`). */
export function erpGateway(runtime: SystemRuntime): SystemBehaviour {
  const { random, faults } = runtime
  const stock = new StockLedger(runtime.config.seed)
  let documentNumber = random.int(9_000_000, 9_400_000)

  /** Runs one ERP transaction: a named span, the ERP's latency, and the document it creates. */
  const transact = (name: string, prefix: string, post: (documentId: string) => void): Promise<ErpDocument> => {
    const documentId = `${prefix}-${(documentNumber += random.int(1, 4))}`
    return withBusinessKeys({ [BusinessKey.erpDocument]: documentId }, () =>
      operation(name, async () => {
        await runtime.work(faults.erpLatencyMs(random))
        post(documentId)
        return { documentId }
      }),
    )
  }

  const reconcile = (message: SettlementMessage, journey: JourneyRef): Promise<void> =>
    withBusinessKeys({ [BusinessKey.settlement]: message.settlementId }, () =>
      operation('erp.reconcile_payout', async () => {
        await runtime.work(40, 160)
        stage('settlement.reconciled', money(message.amount, message.currency))
        runtime.report(journey, 'complete')
      }),
    )

  return {
    routes: {
      '/invoices': (body) => {
        const request = body as InvoiceRequest
        return transact('erp.post_invoice', 'INV', () => stage('order.invoiced', money(request.amount, request.currency)))
      },
      '/credit-notes': (body) => {
        const request = body as CreditNoteRequest
        return transact('erp.post_credit_note', 'CN', () =>
          stage('return.erp_credited', { ...money(request.amount, request.currency), [BusinessKey.sku]: request.sku }),
        )
      },
      '/promotions': (body) => {
        const terms = body as PromotionTerms
        return withBusinessKeys({ [BusinessKey.promotion]: terms.promotionId }, () =>
          transact('erp.sync_promotion', 'PRC', () =>
            stage('promotion.erp_synced', { 'retail.promotion.discount_percent': terms.discountPercent }),
          ),
        )
      },
    },
    topics: {
      'sales-orders': async (payload) => {
        const { order } = payload as SalesOrderMessage
        const create = () => transact('erp.create_sales_order', 'SO', () => stage('order.erp_created', money(order.amount, order.currency)))
        const { documentId } = await create()
        // The duplicate-post fault: the gateway's retry after a lost acknowledgement creates the order again.
        if (faults.postsTwice(random)) await create()
        await runtime.call('oms', '/orders/erp-created', { orderId: order.orderId, documentId })
      },
      'store-sales': async (payload, journey) => {
        const { sale } = payload as StoreSaleMessage
        const post = () =>
          withBusinessKeys({ [RetailContext.store]: sale.storeId, [BusinessKey.sku]: sale.sku }, () =>
            transact('erp.post_store_sale', 'SI', () => {
              const onHand = stock.sell(sale.sku, sale.storeId, sale.quantity) + faults.phantomUnits(sale.sku, sale.storeId)
              stage('sale.erp_posted', {
                ...money(sale.amount, sale.currency),
                ...stockLevel(sale.sku, sale.storeId, onHand, -sale.quantity),
              })
            }),
          )
        await post()
        // The duplicate-post fault: the sale is posted again, and the ERP's stock goes down twice.
        if (faults.postsTwice(random)) await post()
        runtime.report(journey, 'complete')
      },
      settlements: async (payload, journey) => {
        const message = payload as SettlementMessage
        await transact('erp.post_settlement', 'JE', () => stage('settlement.erp_posted', money(message.amount, message.currency)))
        runtime.later(random.between(PAYOUT_MS.min, PAYOUT_MS.max), journey, () => reconcile(message, journey))
      },
    },
  }
}
