/** The business-key search: which key (from the retail conventions) and which value. */
import { useState } from 'react'
import type { FormEvent } from 'react'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'

/** Props of the search form. The form starts from these; remount it (by `key`) when the URL changes. */
export interface SearchFormProps {
  readonly initialKey: string
  readonly initialValue: string
  readonly onSearch: (key: string, value: string) => void
}

/** A key select and a value field; submitting hands both to `onSearch`. */
export function SearchForm({ initialKey, initialValue, onSearch }: SearchFormProps) {
  const [key, setKey] = useState(initialKey)
  const [value, setValue] = useState(initialValue)
  // A key from a link may be a custom one from the config; offer it beside the conventions.
  const keys: readonly string[] = (BUSINESS_KEYS as readonly string[]).includes(key) ? BUSINESS_KEYS : [key, ...BUSINESS_KEYS]
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const trimmed = value.trim()
    if (trimmed !== '') onSearch(key, trimmed)
  }
  return (
    <form className="search-form" onSubmit={submit} role="search">
      <label>
        <span>Business key</span>
        <select value={key} onChange={(e) => setKey(e.target.value)}>
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span>Value</span>
        <input
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="for example A1001"
          required
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <button type="submit">Search</button>
    </form>
  )
}
