/** A journey named with its money, as the refunds' and taxes' longest-waiting rows give it: empty fields left out. */
import type { JourneyMoney } from '../../core/index.ts'

/** The row's journey, store, channel, amount (when above zero) and currency. */
export function journeyMoney(
  type: string,
  row: {
    readonly key: string
    readonly store: string
    readonly channel: string
    readonly amount: number | string
    readonly currency: string
  },
): JourneyMoney {
  return {
    type,
    key: row.key,
    ...(row.store ? { store: row.store } : {}),
    ...(row.channel ? { channel: row.channel } : {}),
    ...(Number(row.amount) > 0 ? { amount: Number(row.amount) } : {}),
    ...(row.currency ? { currency: row.currency } : {}),
  }
}
