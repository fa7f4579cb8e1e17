import type { FaultMix } from './faults.ts'
import { DEFAULT_FAULTS } from './faults.ts'

/** The journey types the estate produces. */
export const JOURNEY_TYPES = ['order', 'sale', 'return', 'promotion', 'settlement'] as const

/** One journey type, as the contract's default journeys name them. */
export type JourneyType = (typeof JOURNEY_TYPES)[number]

/** How many journeys of each kind a bounded run sends. */
export interface JourneyCounts {
  /** Web, app and marketplace orders, shipped home or picked up in store. */
  readonly orders: number
  /** Store sales at the POS. */
  readonly sales: number
  /** Returns of completed orders (at most one per order). */
  readonly returns: number
  /** Promotion roll-outs from merchandising to the storefront, every store and the ERP. */
  readonly promotions: number
  /** Settlement batches of the payment captures, sent once the orders and sales have ended. */
  readonly settlements: number
}

/** How the demo estate runs. */
export interface DemoOptions {
  /** Multiplies every traffic rate and divides every business delay (picking, pick-up, ...). */
  readonly rate: number
  /** Seeds every id, amount and fault decision, so a run can be replayed. */
  readonly seed: number
  /** How many stores are open (2 to 8). */
  readonly stores: number
  /** Which faults act, and how strongly. */
  readonly faults: FaultMix
  /** A bounded run of exactly these journeys; without it, live traffic flows until stop(). */
  readonly journeys?: JourneyCounts
}

/** Traffic rates of a live estate at `rate` 1, in mean milliseconds between two journeys. */
export const LIVE_INTERVALS_MS = {
  order: 2_000,
  sale: 1_400,
  promotion: 120_000,
  settlement: 60_000,
} as const

/** When the first promotion and settlement start at `rate` 1, so a newcomer sees them early. */
export const LIVE_FIRST_MS = { promotion: 6_000, settlement: 25_000 } as const

/** Share of completed live orders that come back as a return. */
export const LIVE_RETURN_SHARE = 0.15

/** A bounded run with nothing in it. */
export const NO_JOURNEYS: JourneyCounts = { orders: 0, sales: 0, returns: 0, promotions: 0, settlements: 0 }

/** The options a demo runs with when no flag says otherwise (the seed comes from the clock). */
export function defaultDemoOptions(now: number = Date.now()): DemoOptions {
  // A clock seed keeps ids of successive live runs apart in the same data directory.
  return { rate: 1, seed: now % 2_147_483_647, stores: 6, faults: DEFAULT_FAULTS }
}
