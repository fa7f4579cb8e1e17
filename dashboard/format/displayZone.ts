/**
 * The zone every time on screen is shown in: the browser's own (the default) or UTC, switched in
 * the header and remembered in the browser. The formatters read it when no zone is given.
 */
import { useSyncExternalStore } from 'react'

/** The zones the reader may pick. */
export type DisplayZone = 'local' | 'UTC'

const STORAGE_KEY = 'throughline.timeZone'
const listeners = new Set<() => void>()

function stored(): DisplayZone {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'UTC' ? 'UTC' : 'local'
  } catch {
    return 'local'
  }
}

let current: DisplayZone = typeof window === 'undefined' ? 'local' : stored()

/** The IANA zone to format in, or undefined for the browser's own. */
export function displayTimeZone(): string | undefined {
  return current === 'UTC' ? 'UTC' : undefined
}

/** Shows every time in `zone` from now on, and remembers it. */
export function setDisplayZone(zone: DisplayZone): void {
  current = zone
  try {
    window.localStorage.setItem(STORAGE_KEY, zone)
  } catch {
    // Private modes may refuse storage: the choice then lasts for this page.
  }
  for (const listener of listeners) listener()
}

/** The zone picked, re-rendering the caller when it changes. */
export function useDisplayZone(): DisplayZone {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => current,
  )
}
