import type { Store } from './catalogue.ts'
import { ASSORTMENT, CURRENCY, cents } from './catalogue.ts'
import type { CompletedOrder, OrderSpec, PromotionSpec, ReturnSpec, SaleSpec, SettlementSpec } from './protocol.ts'
import { Random, hashSeed } from './random.ts'

const ORDER_PREFIX: Readonly<Record<OrderSpec['channel'], string>> = { web: 'WEB', app: 'APP', marketplace: 'MKT' }

const PROMOTION_NAMES = ['Spring layers', 'Weekend denim', 'Rainy day edit', 'Back to work', 'Trail season', 'Cosy knits', 'Gift guide']

/** Ids that count up from a seeded start, so runs with different seeds rarely share an id. */
class IdSequence {
  private next: number

  constructor(random: Random, min: number, max: number) {
    this.next = random.int(min, max)
  }

  take(random: Random): number {
    // Gaps between ids, as a real sequence has for abandoned checkouts.
    this.next += random.int(1, 3)
    return this.next
  }
}

/** Invents the estate's journeys from a seed: the same seed gives the same orders and sales. */
export class ScenarioFactory {
  private readonly random: Random
  private readonly orderIds: IdSequence
  private readonly saleIds: IdSequence
  private readonly returnIds: IdSequence
  private readonly promotionIds: IdSequence
  private readonly settlementIds: IdSequence

  constructor(
    seed: number,
    private readonly stores: readonly Store[],
  ) {
    this.random = new Random(hashSeed(seed, 'scenarios'))
    this.orderIds = new IdSequence(this.random, 100_000, 799_999)
    this.saleIds = new IdSequence(this.random, 10_000, 79_999)
    this.returnIds = new IdSequence(this.random, 500_000, 899_999)
    this.promotionIds = new IdSequence(this.random, 1_000, 7_999)
    this.settlementIds = new IdSequence(this.random, 10_000, 79_999)
  }

  private quantity(): number {
    return this.random.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ])
  }

  /** A storefront or marketplace order. */
  order(): OrderSpec {
    const channel = this.random.weighted<OrderSpec['channel']>([
      ['web', 55],
      ['app', 30],
      ['marketplace', 15],
    ])
    const store = this.random.pick(this.stores)
    const article = this.random.pick(ASSORTMENT)
    const quantity = this.quantity()
    // Marketplaces only deliver home; a third of own-channel orders are picked up in store.
    const fulfilment = channel !== 'marketplace' && this.random.chance(0.35) ? 'pickup' : 'ship'
    return {
      orderId: `${ORDER_PREFIX[channel]}-${this.orderIds.take(this.random)}`,
      channel,
      region: store.region,
      fulfilment,
      storeId: store.id,
      sku: article.sku,
      quantity,
      amount: cents(article.price * quantity),
      currency: CURRENCY,
    }
  }

  /** A sale at one of the open stores' tills. */
  sale(): SaleSpec {
    const store = this.random.pick(this.stores)
    const article = this.random.pick(ASSORTMENT)
    const quantity = this.quantity()
    return {
      orderId: `POS-${store.id.slice(-3)}-${this.saleIds.take(this.random)}`,
      storeId: store.id,
      region: store.region,
      sku: article.sku,
      quantity,
      amount: cents(article.price * quantity),
      currency: CURRENCY,
      tender: this.random.chance(0.75) ? 'card' : 'cash',
    }
  }

  /** A return of some or all of a completed order's units. */
  returnOf(order: CompletedOrder): ReturnSpec {
    const quantity = this.random.int(1, order.quantity)
    return {
      ...order,
      returnId: `RET-${this.returnIds.take(this.random)}`,
      quantity,
      amount: cents((order.amount / order.quantity) * quantity),
    }
  }

  /** A promotion on a few articles, rolled out to every open store. */
  promotion(): PromotionSpec {
    const skus = new Set<string>()
    const wanted = this.random.int(2, 4)
    while (skus.size < wanted) skus.add(this.random.pick(ASSORTMENT).sku)
    return {
      promotionId: `PROMO-${this.promotionIds.take(this.random)}`,
      name: this.random.pick(PROMOTION_NAMES),
      skus: [...skus],
      discountPercent: this.random.pick([10, 15, 20, 25, 30]),
      storeIds: this.stores.map((store) => store.id),
    }
  }

  /** A settlement batch that takes its share of the open captures. */
  settlement(batchesLeft: number): SettlementSpec {
    return { settlementId: `STL-${this.settlementIds.take(this.random)}`, batchesLeft, currency: CURRENCY }
  }
}
