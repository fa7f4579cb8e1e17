/** Journey statuses in the order a reader triages them, with the words the pages use. */
import type { JourneyStageState, JourneyStatus } from '../../core/index.ts'

/** Worst first: what needs a look comes first. */
export const STATUS_ORDER: readonly JourneyStatus[] = ['failed', 'stalled', 'late', 'in_progress', 'complete']

const STATUS_LABELS: Readonly<Record<JourneyStatus, string>> = {
  failed: 'failed',
  stalled: 'stalled',
  late: 'late',
  in_progress: 'in progress',
  complete: 'complete',
}

const STAGE_LABELS: Readonly<Record<JourneyStageState, string>> = {
  reached: 'reached',
  late: 'reached late',
  failed: 'failed',
  overdue: 'overdue',
  missing: 'missing',
  pending: 'not yet due',
  not_taken: 'not taken',
}

/** A status in words. */
export function statusLabel(status: JourneyStatus): string {
  return STATUS_LABELS[status]
}

/** A stage state in words. */
export function stageStateLabel(state: JourneyStageState): string {
  return STAGE_LABELS[state]
}
