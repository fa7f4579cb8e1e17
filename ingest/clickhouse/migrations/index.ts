/** The numbered migrations in the order they apply. */
import { spansTable } from './0001-spans.ts'
import { lookupIndexes } from './0002-lookup-indexes.ts'
import { spanLinks } from './0003-span-links.ts'
import { keyLinks } from './0004-key-links.ts'
import { journeyStages } from './0005-journey-stages.ts'
import { alertTables } from './0006-alerts.ts'
import { journeySummaries } from './0007-journey-summaries.ts'
import { inventoryReadings } from './0008-inventory-readings.ts'
import { spanJourneyColumns } from './0009-span-journey-columns.ts'
import { alertLeases } from './0010-alert-leases.ts'
import { journeySummariesByDay } from './0011-journey-summaries-by-day.ts'
import { journeySpans } from './0012-journey-spans.ts'
import { spanLinksOneView } from './0013-span-links-one-view.ts'
import { durableParts } from './0014-durable-parts.ts'
import type { Migration } from './migration.ts'

/** Every migration, by ascending version. */
export const MIGRATIONS: readonly Migration[] = [spansTable, lookupIndexes, spanLinks, keyLinks, journeyStages, alertTables, journeySummaries, inventoryReadings, spanJourneyColumns, alertLeases, journeySummariesByDay, journeySpans, spanLinksOneView, durableParts]
export { migrationLog } from './0000-migration-log.ts'
export type { Migration } from './migration.ts'
