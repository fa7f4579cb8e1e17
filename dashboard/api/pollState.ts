/**
 * What a polled page knows: the last good answer and whether the latest refresh failed. A failed
 * refresh keeps the last good answer on screen (marked stale) instead of blanking the page.
 */
import type { QueryObserverResult } from '@tanstack/react-query'
import { PollFailure, type Answer } from './pollQuery.ts'
import type { ApiFailure } from './result.ts'

/** The state of a resource the dashboard refreshes on a timer. */
export interface PollState<T> {
  /** The last good answer, if any. */
  readonly data: T | undefined
  /** Why the latest refresh failed; undefined after a success. */
  readonly failure: ApiFailure | undefined
  /** When the answer shown arrived. */
  readonly updatedAt: Date | undefined
  /** True while the answer shown is the previous filter's, until the new one arrives. */
  readonly updating: boolean
}

/** The page's view of a poll's query. */
export function pollStateOf<T>(query: Pick<QueryObserverResult<Answer<T>>, 'data' | 'error' | 'isPlaceholderData'>): PollState<T> {
  return {
    data: query.data?.value,
    failure: query.error instanceof PollFailure ? query.error.failure : undefined,
    updatedAt: query.data === undefined ? undefined : new Date(query.data.receivedAtMs),
    updating: query.isPlaceholderData,
  }
}

/**
 * A poll's state with its answer read through `read`: a section that shows what the page made of
 * an answer keeps the answer's loading, failure and age. `read` answers undefined while it cannot
 * tell yet (the journey types have not arrived), and the section stays loading instead of empty.
 */
export function derivedPoll<T, U>(poll: PollState<T>, read: (data: T) => U | undefined): PollState<U> {
  return {
    data: poll.data === undefined ? undefined : read(poll.data),
    failure: poll.failure,
    updatedAt: poll.updatedAt,
    updating: poll.updating,
  }
}
