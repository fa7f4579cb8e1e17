/** The write-ahead spool: requests made durable in fsync'd groups, drained to storage in batches. */
/** Opens a spool directory, recovering and replaying what a previous run left. */
export { openSpool } from './spool.ts'
/** An open spool, its options, and the answer to an append. */
export type { Spool, SpoolOptions } from './spool.ts'
/** What the drain hands to storage, and the handler that stores it. */
export type { BatchHandler, DamageHandler, SpoolBatch, SpoolDamage } from './drainer.ts'
/** One request as the spool keeps it. */
export type { SpoolRecord } from './record-frame.ts'
/** What the spool reports, for metrics and logs. */
export type { SpoolEvent } from './spool-events.ts'
/** The file operations under the spool, for a substitute disk in tests. */
export type { SpoolFile, SpoolIo } from './segment-files.ts'
