import { hashSeed } from '../random.ts'

/** Below this many units after a sale, a delivery has come in. */
const REORDER_POINT = 4
/** Units in one store delivery. */
const DELIVERY_UNITS = 60

/**
 * One system's view of the units on hand per article and store. Both the POS and the ERP keep one,
 * seeded alike; on-hand is a function of the units sold so far (deliveries included), so two
 * ledgers that saw the same sales agree whatever order the sales arrived in.
 */
export class StockLedger {
  private readonly sold = new Map<string, number>()

  constructor(private readonly seed: number) {}

  /** Books a sale and returns the units on hand after it. */
  sell(sku: string, storeId: string, quantity: number): number {
    const slot = `${sku}@${storeId}`
    const sold = (this.sold.get(slot) ?? 0) + quantity
    this.sold.set(slot, sold)
    const opening = 30 + (hashSeed(this.seed, slot) % 90)
    const deliveries = Math.ceil(Math.max(0, sold - opening + REORDER_POINT) / DELIVERY_UNITS)
    return opening - sold + deliveries * DELIVERY_UNITS
  }
}
