/** The migrations of the tables the spans folder owns: the spans, their lookup indexes and their links. */
import type { Migration } from '../../storage/index.ts'
import { spansTable } from './0001-spans.ts'
import { lookupIndexes } from './0002-lookup-indexes.ts'
import { spanLinks } from './0003-span-links.ts'
import { spanJourneyColumns } from './0009-span-journey-columns.ts'
import { spanLinksOneView } from './0013-span-links-one-view.ts'

/** The spans folder's migrations. */
export const SPAN_MIGRATIONS: readonly Migration[] = [spansTable, lookupIndexes, spanLinks, spanJourneyColumns, spanLinksOneView]
