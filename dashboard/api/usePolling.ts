/**
 * Live refresh: a page's data is fetched now and again every few seconds, one request at a
 * time, paused while the tab is hidden and fetched again as soon as it is visible.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { apiGet } from './client.ts'
import { applyResult, initialPollState } from './pollState.ts'
import type { PollState } from './pollState.ts'

/** How often pages refresh, in milliseconds. */
export const REFRESH_INTERVAL_MS = 5000

/** A polled resource, and a way to fetch it again at once (after a change the page made). */
export type LivePoll<T> = PollState<T> & { readonly refresh: () => void }

/** Polls a query API path; no path means nothing to fetch yet. State resets when the path changes. */
export function usePolling<T>(path: string | undefined, intervalMs: number = REFRESH_INTERVAL_MS): LivePoll<T> {
  return usePollingAt<T>(path, () => path ?? '', intervalMs)
}

/**
 * Polls a path that moves with the clock ("the last hour" asks for a new `from` each time):
 * `key` names what is asked for and `pathAt` builds the path at the moment of each request.
 * State resets when the key changes, not when the clock moves.
 */
export function usePollingAt<T>(key: string | undefined, pathAt: (nowMs: number) => string, intervalMs: number = REFRESH_INTERVAL_MS): LivePoll<T> {
  // Keyed so a new key never shows the previous key's answer.
  const [held, setHeld] = useState<{ readonly key: string | undefined; readonly state: PollState<T> }>({ key, state: initialPollState<T>() })
  const pathRef = useRef(pathAt)
  const refreshRef = useRef<() => void>(() => undefined)
  useEffect(() => {
    pathRef.current = pathAt
  })

  useEffect(() => {
    if (key === undefined) return
    let disposed = false
    let inFlight = false
    let again = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const controller = new AbortController()

    const schedule = (): void => {
      if (disposed || document.hidden || timer !== undefined) return
      timer = setTimeout(() => {
        timer = undefined
        void refresh()
      }, intervalMs)
    }

    const refresh = async (): Promise<void> => {
      inFlight = true
      const result = await apiGet<T>(pathRef.current(Date.now()), controller.signal)
      inFlight = false
      if (disposed) return
      setHeld((previous) => ({ key, state: applyResult(previous.key === key ? previous.state : initialPollState<T>(), result, new Date()) }))
      if (again) {
        again = false
        void refresh()
      } else schedule()
    }

    const now = (): void => {
      if (inFlight) {
        again = true
        return
      }
      clearTimeout(timer)
      timer = undefined
      void refresh()
    }

    const onVisibilityChange = (): void => {
      if (document.hidden) {
        clearTimeout(timer)
        timer = undefined
      } else if (!inFlight && timer === undefined) {
        void refresh()
      }
    }

    refreshRef.current = now
    document.addEventListener('visibilitychange', onVisibilityChange)
    void refresh()
    return () => {
      disposed = true
      clearTimeout(timer)
      controller.abort()
      refreshRef.current = () => undefined
      document.removeEventListener('visibilitychange', onVisibilityChange)
    }
  }, [key, intervalMs])

  const refresh = useCallback(() => refreshRef.current(), [])
  if (key === undefined) return { ...initialPollState<T>(), loading: false, refresh }
  return { ...(held.key === key ? held.state : initialPollState<T>()), refresh }
}
