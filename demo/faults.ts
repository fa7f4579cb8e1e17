/**
 * The faults the demo estate can suffer, each with an intensity in [0, 1] (0 is off), so the
 * dashboards and alerts have real problems to find.
 */

/** Every fault the estate can be told to suffer. */
export const FAULT_NAMES = [
  'slow-erp',
  'drop-message',
  'retry-storm',
  'stock-drift',
  'unposted-settlement',
  'store-offline',
  'duplicate-post',
  'dlq-replay',
  'tax-missing',
] as const

/** One kind of fault. */
export type FaultName = (typeof FAULT_NAMES)[number]

/** How strongly each fault acts: 0 is off, 1 is always. */
export type FaultMix = Readonly<Record<FaultName, number>>

/** What each intensity means, for `--help` texts and the README. */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultName, string>> = {
  'slow-erp': 'share of ERP gateway calls that take 2.5 to 6 seconds',
  'drop-message': 'share of queue messages that vanish, leaving their journey stalled',
  'retry-storm': 'chance that an ERP consumer delivery fails; after 4 deliveries the message is dead-lettered',
  'stock-drift': "share of articles whose ERP on-hand disagrees with one store's POS beyond tolerance",
  'unposted-settlement': 'share of settlement batches that never reach the ERP',
  'store-offline': "share of one store's sales that never post to the ERP",
  'duplicate-post': 'share of orders and store sales the ERP gateway posts a second time under a new document id',
  'dlq-replay':
    "share of ERP consumer messages parked in the dead-letter queue at once; an operator's replay job re-sends 4 in 5 of them 15 to 45 s later",
  'tax-missing': 'share of store sales and invoices whose tax posting never reaches the tax ledger',
}

/** The intensity a fault named without one gets (`--demo-faults drop-message`). */
export const NAMED_FAULT_INTENSITY: FaultMix = {
  'slow-erp': 0.2,
  'drop-message': 0.05,
  'retry-storm': 0.3,
  'stock-drift': 0.5,
  'unposted-settlement': 0.3,
  'store-offline': 1,
  'duplicate-post': 0.1,
  'dlq-replay': 0.1,
  'tax-missing': 0.2,
}

/** No faults at all. */
export const NO_FAULTS: FaultMix = {
  'slow-erp': 0,
  'drop-message': 0,
  'retry-storm': 0,
  'stock-drift': 0,
  'unposted-settlement': 0,
  'store-offline': 0,
  'duplicate-post': 0,
  'dlq-replay': 0,
  'tax-missing': 0,
}

/**
 * The light mix a live demo runs with unless told otherwise: enough slow ERP postings to move the
 * p95 latency over the contract's 2 s example threshold now and then, one drifting store, now and
 * then an order or sale the ERP holds twice, now and then a message parked in the dead-letter
 * queue, most of them replayed later, and now and then a tax posting that never happens.
 */
export const DEFAULT_FAULTS: FaultMix = {
  ...NO_FAULTS,
  'slow-erp': 0.08,
  'stock-drift': 0.3,
  'duplicate-post': 0.03,
  'dlq-replay': 0.03,
  'tax-missing': 0.03,
}

/** Whether a text names a fault. */
export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name)
}

/** The faults with a non-zero intensity, as `name:intensity` text for logs. */
export function describeFaults(mix: FaultMix): string {
  const active = FAULT_NAMES.filter((name) => mix[name] > 0).map((name) => `${name}:${mix[name]}`)
  return active.length > 0 ? active.join(',') : 'none'
}
