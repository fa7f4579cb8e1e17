/** The journey types in force, fetched once a minute: they change only when the platform restarts with another config. */
import type { JourneyTypeView, JourneyTypesResponse } from '../../core/index.ts'
import { usePolling } from '../api/usePolling.ts'

const TYPES_REFRESH_MS = 60_000
const NONE: readonly JourneyTypeView[] = []

/**
 * The journey types, empty until the API has answered: every installation has at least the
 * defaults, so a page that finds stages by role waits while the list is empty.
 */
export function useJourneyTypes(): readonly JourneyTypeView[] {
  return usePolling<JourneyTypesResponse>('/api/journeys/types', TYPES_REFRESH_MS).data?.types ?? NONE
}
