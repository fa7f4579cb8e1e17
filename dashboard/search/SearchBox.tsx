/**
 * The one search box in the header of every page: a trace id, `key=value`, or a bare value.
 * `/` focuses it from anywhere but a text field; recent searches are offered as it is typed in.
 */
import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import { navigate } from '../router/location.ts'
import { parseSearch, rememberSearch, searchIntentHref } from './searchText.ts'

const STORAGE_KEY = 'throughline.recentSearches'

function loadRecent(): string[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]')
    return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : []
  } catch {
    // Private modes may refuse storage; the box then remembers nothing.
    return []
  }
}

function saveRecent(recent: readonly string[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(recent))
  } catch {
    // As above: nothing to remember with.
  }
}

/** Whether a key press happened in a place that takes text, where `/` is the character. */
function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** The header's search form. */
export function SearchBox() {
  const [text, setText] = useState('')
  const [recent, setRecent] = useState(loadRecent)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return
      event.preventDefault()
      input.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const intent = parseSearch(text)
    if (intent === undefined) return
    const remembered = rememberSearch(recent, text)
    setRecent(remembered)
    saveRecent(remembered)
    setText('')
    input.current?.blur()
    navigate(searchIntentHref(intent))
  }
  return (
    <form className="search-box" role="search" aria-label="Everything" onSubmit={submit}>
      <input
        ref={input}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Search: a trace id, key=value, or any value  ( / )"
        aria-label="Search for a trace id, key=value, or any value"
        aria-keyshortcuts="/"
        list="recent-searches"
        spellCheck={false}
        autoComplete="off"
      />
      <datalist id="recent-searches">
        {recent.map((entry) => (
          <option key={entry} value={entry} />
        ))}
      </datalist>
    </form>
  )
}
