/** Drops `journey_summary_marks`, whose rows migration 17 copied into `journey_summary_watermarks`. */
import { dropTable } from '../../../storage/index.ts'
import type { Migration } from '../../../storage/index.ts'

/** Drops the unversioned summary marks. */
export const dropSummaryMarks: Migration = {
  version: 18,
  name: 'drop-summary-marks',
  statements: (target) => dropTable(target, 'journey_summary_marks'),
}
