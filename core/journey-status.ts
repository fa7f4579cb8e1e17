/** The journey statuses the contract names, in the order the API lists them. */
import type { JourneyStatus } from './journeys-api.ts'

/** Every journey status. */
export const JOURNEY_STATUSES: readonly JourneyStatus[] = Object.freeze(['in_progress', 'late', 'stalled', 'failed', 'complete'])

/** True for a status name the contract defines (a query parameter, a value read from the address bar). */
export function isJourneyStatus(value: string | undefined): value is JourneyStatus {
  return value !== undefined && (JOURNEY_STATUSES as readonly string[]).includes(value)
}
