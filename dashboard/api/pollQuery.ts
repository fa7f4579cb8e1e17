/**
 * How a live page asks TanStack Query for a query API path: every few seconds while the tab is
 * visible, at once when it becomes visible again, one request for all the sections that ask the
 * same question, and from the cache when the page is opened again.
 */
import { keepPreviousData, queryOptions, skipToken, type QueryKey } from '@tanstack/react-query'
import { apiGet } from './client.ts'
import type { ApiFailure } from './result.ts'

/** How long an answer no page shows stays cached, so going back to a page shows it at once. */
const CACHE_MS = 5 * 60_000

/** An answer of the query API and when it arrived; data kept on screen while a new filter loads keeps its own time. */
export interface Answer<T> {
  readonly value: T
  readonly receivedAtMs: number
}

/**
 * A failed refresh, as the rejection TanStack Query needs to keep the last good answer and
 * record why the refresh failed. Only polls reject with it; anything else thrown is a bug.
 */
export class PollFailure extends Error {
  readonly failure: ApiFailure

  constructor(failure: ApiFailure) {
    super(failure.message)
    this.failure = failure
  }
}

/** What a poll asks for: `key` names the question, `pathAt` builds its path at the moment of each request. */
export interface PollRequest {
  /** Undefined when there is nothing to fetch yet. */
  readonly key: QueryKey | undefined
  readonly pathAt: (nowMs: number) => string
  readonly intervalMs: number
  /** Keep the previous key's answer on screen until the new key's arrives (a new filter, page or range). */
  readonly keepPrevious: boolean
}

async function fetchAnswer<T>(path: string, signal: AbortSignal): Promise<Answer<T>> {
  const result = await apiGet<T>(path, signal)
  if (!result.ok) throw new PollFailure(result.error)
  return { value: result.value, receivedAtMs: Date.now() }
}

/** The TanStack Query options of a poll. */
export function pollQueryOptions<T>({ key, pathAt, intervalMs, keepPrevious }: PollRequest) {
  return queryOptions({
    queryKey: key ?? ['nothing to fetch'],
    queryFn: key === undefined ? skipToken : ({ signal }) => fetchAnswer<T>(pathAt(Date.now()), signal),
    refetchInterval: intervalMs,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    gcTime: CACHE_MS,
    // The next poll is the retry, as it always was; a down API shows as down, not as a slow one.
    retry: false,
    // Fetch even when the browser thinks it is offline, so an unreachable API shows as a failed refresh.
    networkMode: 'always',
    throwOnError: (error) => !(error instanceof PollFailure),
  })
}
