/**
 * Live refresh: a page's data is fetched now and again every few seconds, one request at a
 * time, paused while the tab is hidden and fetched again as soon as it is visible.
 */
import { useEffect, useState } from 'react'
import { apiGet } from './client.ts'
import { applyResult, initialPollState } from './pollState.ts'
import type { PollState } from './pollState.ts'

/** How often pages refresh, in milliseconds. */
export const REFRESH_INTERVAL_MS = 5000

/** Polls a query API path; no path means nothing to fetch yet. State resets when the path changes. */
export function usePolling<T>(path: string | undefined, intervalMs: number = REFRESH_INTERVAL_MS): PollState<T> {
  // Keyed by path so a new path never shows the previous path's answer.
  const [held, setHeld] = useState<{ readonly path: string | undefined; readonly state: PollState<T> }>({ path, state: initialPollState<T>() })

  useEffect(() => {
    if (path === undefined) return
    let disposed = false
    let inFlight = false
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
      const result = await apiGet<T>(path, controller.signal)
      inFlight = false
      if (disposed) return
      setHeld((previous) => ({ path, state: applyResult(previous.path === path ? previous.state : initialPollState<T>(), result, new Date()) }))
      schedule()
    }

    const onVisibilityChange = (): void => {
      if (document.hidden) {
        clearTimeout(timer)
        timer = undefined
      } else if (!inFlight && timer === undefined) {
        void refresh()
      }
    }

    document.addEventListener('visibilitychange', onVisibilityChange)
    void refresh()
    return () => {
      disposed = true
      clearTimeout(timer)
      controller.abort()
      document.removeEventListener('visibilitychange', onVisibilityChange)
    }
  }, [path, intervalMs])

  if (path === undefined) return { ...initialPollState<T>(), loading: false }
  return held.path === path ? held.state : initialPollState<T>()
}
