/** The journey statuses the contract names, in the order a page lists them. */
import type { JourneyStatus } from '../../core/index.ts'

/** Every journey status. */
export const JOURNEY_STATUSES: readonly JourneyStatus[] = Object.freeze(['in_progress', 'late', 'stalled', 'failed', 'complete'])

/** True for a status name the contract defines. */
export function isJourneyStatus(value: string): value is JourneyStatus {
  return (JOURNEY_STATUSES as readonly string[]).includes(value)
}
