/** The migrations of the tables the journeys folder owns, from each of its parts. */
import type { Migration } from '../storage/index.ts'
import { keyLinks } from './lookup/migrations/0004-key-links.ts'
import { journeyStages } from './lists/migrations/0005-journey-stages.ts'
import { journeySummaries } from './summaries/migrations/0007-journey-summaries.ts'
import { journeySummariesByDay } from './summaries/migrations/0011-journey-summaries-by-day.ts'
import { journeySpans } from './span-index/migrations/0012-journey-spans.ts'
import { versionedSummaryWatermarks } from './summaries/migrations/0017-versioned-summary-watermarks.ts'
import { dropSummaryMarks } from './summaries/migrations/0018-drop-summary-marks.ts'
import { logEvidence } from './span-index/migrations/0020-log-evidence.ts'
import { deadLetterReasons } from './span-index/migrations/0021-dead-letter-reasons.ts'
import { summaryAmounts } from './summaries/migrations/0023-summary-amounts.ts'

/** The journeys folder's migrations. */
export const JOURNEY_MIGRATIONS: readonly Migration[] = [
  keyLinks,
  journeyStages,
  journeySummaries,
  journeySummariesByDay,
  journeySpans,
  versionedSummaryWatermarks,
  dropSummaryMarks,
  logEvidence,
  deadLetterReasons,
  summaryAmounts,
]
