/**
 * A reader's choice among a few options, remembered in the browser and shared by every component
 * that reads it: the zone times are shown in, the colour theme. Private modes may refuse storage;
 * the choice then lasts for the page.
 */
import { useSyncExternalStore } from 'react'

/** A remembered choice. */
export interface StoredChoice<T extends string> {
  get(): T
  set(value: T): void
  /** The choice, re-rendering the caller when it changes. */
  use(): T
}

/** A choice kept under `key`, `fallback` until the reader picks one of `options`. */
export function storedChoice<T extends string>(key: string, options: readonly T[], fallback: T): StoredChoice<T> {
  const listeners = new Set<() => void>()
  const read = (): T => {
    try {
      const value = window.localStorage.getItem(key)
      return options.find((option) => option === value) ?? fallback
    } catch {
      return fallback
    }
  }
  let current: T = typeof window === 'undefined' ? fallback : read()
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }
  return {
    get: () => current,
    set(value) {
      current = value
      try {
        window.localStorage.setItem(key, value)
      } catch {
        // Kept for this page only.
      }
      for (const listener of listeners) listener()
    },
    use: () => useSyncExternalStore(subscribe, () => current),
  }
}
