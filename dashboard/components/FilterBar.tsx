/**
 * The time range and the store, channel and region filters above a view. They live in the
 * address bar: changing one rewrites the URL, and every section of the page follows it.
 */
import type { ReactNode } from 'react'
import type { EstateFiltersResponse } from '../../core/index.ts'
import { CHANNELS } from '@throughline/sdk/conventions'
import { estatePath } from '../api/estatePaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { hrefWith, type ContextFilter, type PageFilters } from '../filters/pageFilters.ts'
import { RANGE_KEYS, rangeLabel, rangeOptionLabel, rangeParams, type RangeKey } from '../filters/timeRange.ts'
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

function withCurrent(values: readonly string[], current: string | undefined): string[] {
  return current === undefined || values.includes(current) ? [...values] : [current, ...values]
}

/** The range select and the context filter selects. */
export function FilterBar({ location, filters, context = ['store', 'channel', 'region'], children }: FilterBarProps) {
  const options = useRangePolling<EstateFiltersResponse>(filters.range, (window) => estatePath('filters', window, {}), OPTIONS_REFRESH_MS)
  const change = (changes: Readonly<Record<string, string | undefined>>): void =>
    navigate(hrefWith(location.pathname, location.query, changes), { replace: true })
  const rangeValue = filters.range.kind === 'rolling' ? filters.range.key : 'fixed'
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
        <select value={rangeValue} onChange={(event) => change(rangeParams({ kind: 'rolling', key: event.target.value as RangeKey }))}>
          {filters.range.kind === 'fixed' ? <option value="fixed">{rangeLabel(filters.range)}</option> : null}
          {RANGE_KEYS.map((key) => (
            <option key={key} value={key}>
              {rangeOptionLabel(key)}
            </option>
          ))}
        </select>
      </label>
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
