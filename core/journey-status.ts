/** The journey statuses the contract names, in the order the API lists them. */

/** Every journey status. */
export const JOURNEY_STATUSES = Object.freeze(['in_progress', 'late', 'stalled', 'failed', 'complete'] as const)

/** Where a journey stands, as the contract defines it. */
export type JourneyStatus = (typeof JOURNEY_STATUSES)[number]

/** True for a status name the contract defines (a query parameter, a value read from the address bar). */
export function isJourneyStatus(value: string | undefined): value is JourneyStatus {
  return value !== undefined && (JOURNEY_STATUSES as readonly string[]).includes(value)
}
