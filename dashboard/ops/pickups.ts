/** Orders ready for pickup in a store and not collected yet, per store, longest waiting first. */
import type { JourneySummary } from '../../core/index.ts'

/** The stage an order waits at between the store getting it ready and the customer collecting it. */
const READY_FOR_PICKUP = 'order.ready_for_pickup'

/** Waiting pickups of one store. */
export interface StorePickups {
  readonly store: string
  readonly waiting: number
  /** How long the longest-waiting order has been ready, in ms. */
  readonly longestMs: number
  readonly orders: readonly JourneySummary[]
}

/** The orders whose current stage is ready-for-pickup, per store, the store with the longest wait first. */
export function waitingPickups(journeys: readonly JourneySummary[], nowMs: number): StorePickups[] {
  const stores = new Map<string, JourneySummary[]>()
  for (const journey of journeys) {
    if (journey.type !== 'order' || journey.currentStage !== READY_FOR_PICKUP || journey.status === 'complete' || journey.status === 'failed') continue
    const store = journey.store || '(no store)'
    stores.set(store, [...(stores.get(store) ?? []), journey])
  }
  const waitOf = (j: JourneySummary): number => nowMs - Date.parse(j.lastActivityAt)
  return [...stores]
    .map(([store, orders]) => {
      const sorted = [...orders].sort((a, b) => waitOf(b) - waitOf(a))
      return { store, waiting: sorted.length, longestMs: Math.max(0, waitOf(sorted[0]!)), orders: sorted }
    })
    .sort((a, b) => b.longestMs - a.longestMs || a.store.localeCompare(b.store))
}
