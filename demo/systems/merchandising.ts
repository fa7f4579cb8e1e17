/**
 * Merchandising: publishes promotions to the storefront and every store, and syncs the prices to
 * the ERP once every store's tills carry them.
 */
import { BusinessKey, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { JourneyRef, PromotionSpec } from '../protocol.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { PriceUpdate, PromotionTerms, StoreLive } from './messages.ts'
import { remember } from '../runtime/remember.ts'

interface RollOut {
  readonly terms: PromotionTerms
  readonly waitingFor: Set<string>
}

/** Merchandising (`merchandising`). */
export function merchandising(runtime: SystemRuntime): SystemBehaviour {
  const rollOuts = new Map<string, RollOut>()

  const publish = (spec: PromotionSpec): Promise<void> => {
    const journey: JourneyRef = { type: 'promotion', key: spec.promotionId }
    const terms: PromotionTerms = { promotionId: spec.promotionId, name: spec.name, skus: spec.skus, discountPercent: spec.discountPercent }
    remember(rollOuts, spec.promotionId, { terms, waitingFor: new Set(spec.storeIds) }, 500)
    return withBusinessKeys({ [BusinessKey.promotion]: spec.promotionId }, () =>
      operation('merch.publish_promotion', async () => {
        await runtime.work(20, 80)
        stage('promotion.published', { 'retail.promotion.discount_percent': spec.discountPercent, 'retail.promotion.name': spec.name })
        await runtime.call('ecommerce', '/promotions', terms)
        for (const storeId of spec.storeIds) {
          const store = runtime.stores.find((candidate) => candidate.id === storeId)
          if (store === undefined) continue
          const update: PriceUpdate = { promotion: terms, storeId, region: store.region }
          await withBusinessKeys({ [RetailContext.store]: storeId }, () => runtime.publish('pos', 'price-updates', journey, update))
        }
      }),
    )
  }

  const syncErp = (terms: PromotionTerms, journey: JourneyRef): Promise<void> =>
    withBusinessKeys({ [BusinessKey.promotion]: terms.promotionId }, () =>
      operation('merch.export_prices', async () => {
        await runtime.call('erp', '/promotions', terms)
        runtime.report(journey, 'complete')
      }),
    )

  return {
    routes: {
      '/promotions/store-live': (body) => {
        const { promotionId, storeId } = body as StoreLive
        const rollOut = rollOuts.get(promotionId)
        rollOut?.waitingFor.delete(storeId)
        if (rollOut !== undefined && rollOut.waitingFor.size === 0) {
          rollOuts.delete(promotionId)
          // The price export to the ERP is its own job, not part of the store's request.
          runtime.later(0, { type: 'promotion', key: promotionId }, () => syncErp(rollOut.terms, { type: 'promotion', key: promotionId }))
        }
        return Promise.resolve({ acknowledged: true })
      },
    },
    topics: {},
    drive: async (command) => {
      if (command.journey === 'promotion') await publish(command.promotion)
    },
  }
}
