/**
 * The browser's sign-in: the token from the sign-in link, kept in localStorage, and whether the
 * API has refused it. A refusal anywhere switches the whole app to the sign-in screen.
 */
import { useSyncExternalStore } from 'react'
import { takeTokenFromUrl } from './token.ts'

const STORAGE_KEY = 'throughline.apiToken'

/** Whether the query API has refused this browser, and whether it had a token to offer. */
export interface SessionState {
  readonly refused: boolean
  readonly hadToken: boolean
}

let memoryToken: string | undefined
let state: SessionState = { refused: false, hadToken: false }
const listeners = new Set<() => void>()

// localStorage throws in some private modes; the token then lives for this page only.
function readStorage(): string | undefined {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined
  } catch {
    return undefined
  }
}

function writeStorage(token: string | undefined): void {
  try {
    if (token === undefined) window.localStorage.removeItem(STORAGE_KEY)
    else window.localStorage.setItem(STORAGE_KEY, token)
  } catch {
    // Kept in memory below.
  }
}

/** The token to send to the query API, if this browser has one. */
export function currentToken(): string | undefined {
  return memoryToken ?? readStorage()
}

/** Keeps the token of a sign-in link (`/?token=…`) and removes it from the address bar and history. */
export function signInFromAddressBar(): void {
  const link = takeTokenFromUrl(window.location.href)
  if (link.token === undefined && !new URLSearchParams(window.location.search).has('token')) return
  if (link.token !== undefined) {
    memoryToken = link.token
    writeStorage(link.token)
  }
  window.history.replaceState(window.history.state, '', link.cleanedPath)
}

/** Records that the API refused the token (HTTP 401) and forgets it, so the sign-in screen shows. */
export function reportUnauthorized(): void {
  if (state.refused) return
  state = { refused: true, hadToken: currentToken() !== undefined }
  memoryToken = undefined
  writeStorage(undefined)
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The session state, re-rendering when the API refuses the token. */
export function useSession(): SessionState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  )
}
