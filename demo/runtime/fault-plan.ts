import type { Store } from '../catalogue.ts'
import type { FaultMix } from '../faults.ts'
import type { Random } from '../random.ts'
import { hashSeed } from '../random.ts'

/** A slow ERP call takes this long; the contract's example alert fires over 2 s at p95. */
const SLOW_ERP_MS = { min: 2_500, max: 6_000 } as const
/** An operator's replay job gets to a parked message this long after it was parked, at rate 1. */
const REPLAY_AFTER_MS = { min: 15_000, max: 45_000 } as const
/** The share of parked messages the operator replays; the rest stay in the dead-letter queue. */
const REPLAYED_SHARE = 0.8
/** An ERP call on a good day. */
const NORMAL_ERP_MS = { min: 40, max: 250 } as const

/**
 * Where and how often the configured faults strike. Every system derives the same plan from the
 * seed, so the POS and the ERP agree on which store drifts and which is offline.
 */
export class FaultPlan {
  /** The store whose ERP stock figures drift from its POS, when stock-drift is on. */
  readonly driftingStore: string | undefined
  /** The store whose sales stop reaching the ERP, when store-offline is on. */
  readonly offlineStore: string | undefined

  constructor(
    readonly mix: FaultMix,
    private readonly seed: number,
    stores: readonly Store[],
  ) {
    const drifting = hashSeed(seed, 'stock-drift') % stores.length
    // A different store goes offline, so each fault shows on its own row of the dashboard.
    const offline = (drifting + 1 + (hashSeed(seed, 'store-offline') % (stores.length - 1))) % stores.length
    this.driftingStore = mix['stock-drift'] > 0 ? stores[drifting]?.id : undefined
    this.offlineStore = mix['store-offline'] > 0 ? stores[offline]?.id : undefined
  }

  /** How long the next ERP call takes. */
  erpLatencyMs(random: Random): number {
    const range = random.chance(this.mix['slow-erp']) ? SLOW_ERP_MS : NORMAL_ERP_MS
    return random.between(range.min, range.max)
  }

  /** Whether the next queue message vanishes. */
  dropsMessage(random: Random): boolean {
    return random.chance(this.mix['drop-message'])
  }

  /** Whether the next delivery to an ERP consumer fails. */
  failsDelivery(random: Random): boolean {
    return random.chance(this.mix['retry-storm'])
  }

  /** Whether the next message to an ERP consumer is parked in the dead-letter queue at once: the ERP refuses it until someone fixes the cause. */
  parksMessage(random: Random): boolean {
    return random.chance(this.mix['dlq-replay'])
  }

  /** When the operator's replay job re-sends a parked message (ms at rate 1), or undefined when it is left in the queue. */
  replayAfterMs(random: Random): number | undefined {
    return random.chance(REPLAYED_SHARE) ? random.between(REPLAY_AFTER_MS.min, REPLAY_AFTER_MS.max) : undefined
  }

  /** Whether the ERP gateway posts this order or sale a second time, under a new document (its retry after a lost acknowledgement). */
  postsTwice(random: Random): boolean {
    return random.chance(this.mix['duplicate-post'])
  }

  /** Whether the tax engine accepts a sale or invoice and never posts its tax. */
  losesTaxPosting(random: Random): boolean {
    return random.chance(this.mix['tax-missing'])
  }

  /** Whether the next settlement batch never reaches the ERP. */
  losesSettlement(random: Random): boolean {
    return random.chance(this.mix['unposted-settlement'])
  }

  /** Whether a sale at this store stays in the store's outbox instead of reaching the ERP. */
  holdsBackSale(storeId: string, random: Random): boolean {
    return storeId === this.offlineStore && random.chance(this.mix['store-offline'])
  }

  /** Units the ERP wrongly believes are on hand for an article at a store, beyond the POS count. */
  phantomUnits(sku: string, storeId: string): number {
    if (storeId !== this.driftingStore) return 0
    // Per article, not per sale: the same articles stay wrong, as a real booking error would.
    const roll = (hashSeed(this.seed, `drift:${sku}`) % 1000) / 1000
    return roll < this.mix['stock-drift'] ? 3 + (hashSeed(this.seed, `units:${sku}`) % 9) : 0
  }
}
