/**
 * The tax engine: takes every store sale and every invoice as it happens and posts its tax to the
 * tax ledger in a batch a few seconds later (`sale.tax_posted`, `order.tax_posted`). With the
 * tax-missing fault some postings never happen, the gap the finance page's taxes show.
 */
import { BusinessKey, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { BusinessKeys } from '@throughline/sdk'
import { cents } from '../catalogue.ts'
import type { JourneyRef } from '../protocol.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { TaxableInvoice, TaxableSale } from './messages.ts'
import { money } from './retail-attributes.ts'

/** The next tax batch runs this long after a document arrives, at rate 1. */
const BATCH_DELAY_MS = { min: 2_000, max: 12_000 } as const
/** VAT included in the demo's prices. */
const VAT_RATE = 0.19

/** The tax engine (`tax`). */
export function taxEngine(runtime: SystemRuntime): SystemBehaviour {
  const { random } = runtime

  /** Schedules a document's posting; a lost one is accepted and never posted. */
  const schedule = (journey: JourneyRef, stageName: string, keys: BusinessKeys, amount: number, currency: string): void => {
    if (runtime.faults.losesTaxPosting(random)) return
    runtime.later(random.between(BATCH_DELAY_MS.min, BATCH_DELAY_MS.max), journey, () =>
      withBusinessKeys(keys, () =>
        operation('tax.post_to_ledger', async () => {
          await runtime.work(20, 120)
          stage(stageName, { ...money(cents((amount * VAT_RATE) / (1 + VAT_RATE)), currency), 'retail.tax.rate': VAT_RATE })
        }),
      ),
    )
  }

  return {
    routes: {
      '/tax/sales': (body) => {
        const sale = body as TaxableSale
        const keys = {
          [BusinessKey.order]: sale.orderId,
          [RetailContext.store]: sale.storeId,
          [RetailContext.channel]: 'pos',
          [RetailContext.region]: sale.region,
        }
        schedule({ type: 'sale', key: sale.orderId }, 'sale.tax_posted', keys, sale.amount, sale.currency)
        return Promise.resolve({ accepted: true })
      },
      '/tax/invoices': (body) => {
        const invoice = body as TaxableInvoice
        const keys = {
          [BusinessKey.order]: invoice.orderId,
          [RetailContext.channel]: invoice.channel,
          [RetailContext.region]: invoice.region,
        }
        schedule({ type: 'order', key: invoice.orderId }, 'order.tax_posted', keys, invoice.amount, invoice.currency)
        return Promise.resolve({ accepted: true })
      },
    },
    topics: {},
  }
}
