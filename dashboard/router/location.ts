/**
 * A tiny history-based router: the address bar is the state. `navigate` pushes an entry and
 * tells subscribers; the back and forward buttons arrive as popstate.
 */
import { useMemo, useSyncExternalStore } from 'react'

/** The parts of the address the pages read. */
export interface AppLocation {
  readonly pathname: string
  readonly query: URLSearchParams
  readonly hash: string
}

const listeners = new Set<() => void>()

function notify(): void {
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  if (listeners.size === 1) window.addEventListener('popstate', notify)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) window.removeEventListener('popstate', notify)
  }
}

function snapshot(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`
}

/** Goes to a path inside the dashboard without reloading; `replace` rewrites the current history entry instead. */
export function navigate(to: string, options: { readonly replace?: boolean } = {}): void {
  if (to === snapshot()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  // A new page starts at the top; a hash means the page scrolls to what it selects.
  if (!to.includes('#')) window.scrollTo(0, 0)
  notify()
}

/** The current address, re-rendering on every navigation. */
export function useLocation(): AppLocation {
  const current = useSyncExternalStore(subscribe, snapshot, () => '/')
  return useMemo(() => {
    const url = new URL(current, 'http://dashboard.invalid')
    return { pathname: url.pathname, query: url.searchParams, hash: url.hash }
  }, [current])
}
