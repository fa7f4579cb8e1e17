/**
 * Orders ready for pickup in a store and not collected yet, per store, longest waiting first. The
 * stage they wait at is the one that plays the `ready_for_pickup` role (`order.ready_for_pickup`
 * by default).
 */
import type { JourneySummary, JourneyTypeView } from '../../core/index.ts'
import { stagesWithRole } from '../journeys/stageRoles.ts'

/** Waiting pickups of one store. */
export interface StorePickups {
  readonly store: string
  readonly waiting: number
  /** How long the longest-waiting order has been ready, in ms. */
  readonly longestMs: number
  readonly orders: readonly JourneySummary[]
}

/** The stages a journey waits at between the store getting it ready and the customer collecting it. */
export function pickupStages(types: readonly JourneyTypeView[]): string[] {
  return stagesWithRole(types, 'ready_for_pickup')
}

/** The journeys whose current stage is one of `stages`, per store, the store with the longest wait first. */
export function waitingPickups(journeys: readonly JourneySummary[], stages: readonly string[], nowMs: number): StorePickups[] {
  const stores = new Map<string, JourneySummary[]>()
  for (const journey of journeys) {
    if (!stages.includes(journey.currentStage) || journey.status === 'complete' || journey.status === 'failed') continue
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
