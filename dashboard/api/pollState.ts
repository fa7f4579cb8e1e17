/**
 * What a polled page knows: the last good answer and whether the latest refresh failed. A failed
 * refresh keeps the last good answer on screen (marked stale) instead of blanking the page.
 */
import type { ApiFailure, ApiResult } from './result.ts'

/** The state of a resource the dashboard refreshes on a timer. */
export interface PollState<T> {
  /** The last good answer, if any. */
  readonly data: T | undefined
  /** Why the latest refresh failed; undefined after a success. */
  readonly failure: ApiFailure | undefined
  /** True until the first answer (good or bad) arrives. */
  readonly loading: boolean
  /** When the last good answer arrived. */
  readonly updatedAt: Date | undefined
}

/** Nothing known yet: the first request is in flight. */
export function initialPollState<T>(): PollState<T> {
  return { data: undefined, failure: undefined, loading: true, updatedAt: undefined }
}

/** The state after one answer arrives. */
export function applyResult<T>(state: PollState<T>, result: ApiResult<T>, now: Date): PollState<T> {
  if (result.ok) return { data: result.value, failure: undefined, loading: false, updatedAt: now }
  return { ...state, failure: result.failure, loading: false }
}
