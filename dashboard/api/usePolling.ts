/**
 * Live refresh: a page's data is fetched now and again every few seconds, paused while the tab is
 * hidden and fetched again as soon as it is visible. Sections asking the same question share one
 * request, and a page opened again shows its cached answer while it refreshes.
 */
import { useQuery, type QueryKey } from '@tanstack/react-query'
import { useCallback } from 'react'
import { pollQueryOptions } from './pollQuery.ts'
import { pollStateOf, type PollState } from './pollState.ts'

/** How often pages refresh, in milliseconds. */
export const REFRESH_INTERVAL_MS = 5000

/** A polled resource, and a way to fetch it again at once (after a change the page made). */
export type LivePoll<T> = PollState<T> & { readonly refresh: () => void }

/** Polls a query API path; no path means nothing to fetch yet. A new path starts from nothing. */
export function usePolling<T>(path: string | undefined, intervalMs: number = REFRESH_INTERVAL_MS): LivePoll<T> {
  return usePollingAt<T>(path === undefined ? undefined : [path], () => path ?? '', { intervalMs, keepPrevious: false })
}

/**
 * Polls a path that moves with the clock ("the last hour" asks for a new `from` each time): `key`
 * names what is asked for and `pathAt` builds the path at the moment of each request. A new key
 * keeps the previous key's answer on screen, marked as updating, until its own arrives.
 */
export function usePollingAt<T>(
  key: QueryKey | undefined,
  pathAt: (nowMs: number) => string,
  { intervalMs = REFRESH_INTERVAL_MS, keepPrevious = true } = {},
): LivePoll<T> {
  const query = useQuery(pollQueryOptions<T>({ key, pathAt, intervalMs, keepPrevious }))
  const { refetch } = query
  const enabled = key !== undefined
  const refresh = useCallback(() => {
    if (enabled) void refetch()
  }, [enabled, refetch])
  return { ...pollStateOf(query), refresh }
}
