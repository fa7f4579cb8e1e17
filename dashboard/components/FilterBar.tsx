/**
 * The time range and the store, channel and region filters above a view. They live in the
 * address bar: changing one adds a history entry (the browser's back undoes it), and every section
 * of the page follows it. The range is a preset or a custom window, and "Pin window" turns a
 * rolling range into the fixed window it shows now and copies that link, which does not drift.
 */
import { useState } from 'react'
import type { ReactNode } from 'react'
import type { EstateFiltersResponse } from '../../core/index.ts'
import { CHANNELS } from '@throughline/sdk/conventions'
import { estatePath } from '../api/estatePaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { hrefWith, type ContextFilter, type PageFilters } from '../filters/pageFilters.ts'
import {
  customRange,
  pinned,
  RANGE_KEYS,
  rangeLabel,
  rangeOptionLabel,
  rangeParams,
  windowOf,
  type RangeKey,
} from '../filters/timeRange.ts'
import { navigate, type AppLocation } from '../router/location.ts'

/** The filter lists refresh slowly: stores and regions rarely change. */
const OPTIONS_REFRESH_MS = 60_000

/** Props of the filter bar. */
export interface FilterBarProps {
  readonly location: AppLocation
  readonly filters: PageFilters
  /** The context filters this page applies; the range is always there. */
  readonly context?: readonly ContextFilter[]
  /** Page-specific controls, shown after the shared ones. */
  readonly children?: ReactNode
}

/** A time as a `datetime-local` input shows it: the browser's zone, to the minute. */
function localInput(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/** The custom window's two fields and its Apply button. */
function CustomRange({
  fromMs,
  toMs,
  onApply,
}: {
  readonly fromMs: number
  readonly toMs: number
  readonly onApply: (from: string, to: string) => boolean
}) {
  const [from, setFrom] = useState(localInput(fromMs))
  const [to, setTo] = useState(localInput(toMs))
  const [refused, setRefused] = useState(false)
  return (
    <>
      <label>
        <span>From</span>
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </label>
      <label>
        <span>To</span>
        <input type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
      </label>
      <button type="button" onClick={() => setRefused(!onApply(from, to))}>
        Apply
      </button>
      {refused ? <span className="error-text">From must come before to, at most 7 days apart.</span> : null}
    </>
  )
}

function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current === undefined || values.includes(current) ? [...values] : [current, ...values]
}

/** The range select and the context filter selects. */
export function FilterBar({ location, filters, context = ['store', 'channel', 'region'], children }: FilterBarProps) {
  const options = useRangePolling<EstateFiltersResponse>(filters.range, (window) => estatePath('filters', window, {}), OPTIONS_REFRESH_MS)
  const change = (changes: Readonly<Record<string, string | undefined>>): void =>
    navigate(hrefWith(location.pathname, location.query, changes))
  const [customising, setCustomising] = useState(false)
  const [copied, setCopied] = useState(false)
  const rangeValue = customising ? 'custom' : filters.range.kind === 'rolling' ? filters.range.key : 'fixed'
  const shown = windowOf(filters.range, Date.now())
  const pin = (): void => {
    const href = hrefWith(location.pathname, location.query, rangeParams(pinned(filters.range, Date.now())))
    navigate(href)
    // The pinned address is the link; the clipboard is a convenience some browsers refuse.
    void navigator.clipboard?.writeText(`${window.location.origin}${href}`).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }
  const lists: Readonly<Record<ContextFilter, readonly string[]>> = {
    store: options.data?.stores ?? [],
    channel: [...new Set([...CHANNELS, ...(options.data?.channels ?? [])])],
    region: options.data?.regions ?? [],
  }
  const labels: Readonly<Record<ContextFilter, string>> = { store: 'Store', channel: 'Channel', region: 'Region' }
  return (
    <form className="filter-bar" aria-label="Time range and filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        <span>Time range</span>
        <select
          value={rangeValue}
          onChange={(event) => {
            if (event.target.value === 'custom') return setCustomising(true)
            setCustomising(false)
            setCopied(false)
            change(rangeParams({ kind: 'rolling', key: event.target.value as RangeKey }))
          }}
        >
          {filters.range.kind === 'fixed' ? <option value="fixed">{rangeLabel(filters.range)}</option> : null}
          {RANGE_KEYS.map((key) => (
            <option key={key} value={key}>
              {rangeOptionLabel(key)}
            </option>
          ))}
          <option value="custom">custom window…</option>
        </select>
      </label>
      {customising ? (
        <CustomRange
          fromMs={shown.fromMs}
          toMs={shown.toMs}
          onApply={(from, to) => {
            const range = customRange(from, to)
            if (range === undefined) return false
            setCustomising(false)
            change(rangeParams(range))
            return true
          }}
        />
      ) : (
        <button type="button" className="link-button" onClick={pin} title="Fix the window shown now in the address, and copy the link">
          {copied ? 'Link copied' : 'Pin window'}
        </button>
      )}
      {context.map((name) => (
        <label key={name}>
          <span>{labels[name]}</span>
          <select value={filters[name] ?? ''} onChange={(event) => change({ [name]: event.target.value })}>
            <option value="">all</option>
            {withCurrent(lists[name], filters[name]).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      ))}
      {children}
      {context.some((name) => filters[name] !== undefined) ? (
        <button type="button" className="link-button" onClick={() => change(Object.fromEntries(context.map((name) => [name, undefined])))}>
          Clear filters
        </button>
      ) : null}
    </form>
  )
}
