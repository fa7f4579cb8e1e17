/** A journey's amount in its summary (the largest `retail.amount` its stages carried, and its currency), for the journey list. */
import { sql, addColumns } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Adds the amount and currency columns. */
export const summaryAmounts: Migration = {
  version: 23,
  name: 'summary-amounts',
  statements: (target) =>
    addColumns(target, 'journey_summaries', [sql`Amount Float64 DEFAULT 0`, sql`Currency LowCardinality(String) DEFAULT ''`]),
}
