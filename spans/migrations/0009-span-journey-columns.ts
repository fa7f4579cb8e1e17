/**
 * The span attributes a journey lookup filters and returns (the store a span names, whether it
 * is a dead letter, its retry attempt) as narrow columns computed on insert, so the lookup reads
 * them instead of every candidate span's attribute maps: half the cost of reading a journey's
 * spans. Parts written before this migration compute them on read until merged.
 */
import { sql, addColumns } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Adds the journey columns to the spans table. */
export const spanJourneyColumns: Migration = {
  version: 9,
  name: 'span-journey-columns',
  statements: (target) =>
    addColumns(target, 'spans', [
      sql`RetailStore String MATERIALIZED if(SpanAttributes['retail.store.id'] != '', SpanAttributes['retail.store.id'], ResourceAttributes['retail.store.id']) CODEC(ZSTD(1))`,
      sql`DeadLetter UInt8 MATERIALIZED SpanAttributes['retail.dead_letter'] = 'true' CODEC(ZSTD(1))`,
      sql`RetryAttempt UInt32 MATERIALIZED toUInt32OrZero(SpanAttributes['retail.retry.attempt']) CODEC(ZSTD(1))`,
    ]),
}
