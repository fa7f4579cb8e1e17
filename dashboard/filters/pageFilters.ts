/**
 * The filters every view shares, kept in the address bar so a view can be bookmarked and sent:
 * the time range, and the store, channel and region (`?range=6h&store=store-007&channel=pos`).
 */
import { parseTimeRange, type TimeRange } from './timeRange.ts'

/** The context filters, as the retail conventions name their attributes. */
const CONTEXT_FILTERS = ['store', 'channel', 'region'] as const

/** One of the context filters. */
export type ContextFilter = (typeof CONTEXT_FILTERS)[number]

/** The time range and context filters a page reads from its address. */
export interface PageFilters {
  readonly range: TimeRange
  readonly store?: string
  readonly channel?: string
  readonly region?: string
}

function value(query: URLSearchParams, name: string): string | undefined {
  const text = query.get(name)?.trim()
  return text === undefined || text === '' ? undefined : text
}

/** The filters the query string names. */
export function readPageFilters(query: URLSearchParams): PageFilters {
  const filters: { range: TimeRange; store?: string; channel?: string; region?: string } = { range: parseTimeRange(query) }
  for (const name of CONTEXT_FILTERS) {
    const text = value(query, name)
    if (text !== undefined) filters[name] = text
  }
  return filters
}

/** A page's own optional parameter (`service`, `status`), or undefined when absent or blank. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  return value(query, name)
}

/** The same page with some query parameters changed; undefined or empty removes one. */
export function hrefWith(pathname: string, query: URLSearchParams, changes: Readonly<Record<string, string | undefined>>): string {
  const next = new URLSearchParams(query)
  for (const [name, text] of Object.entries(changes)) {
    if (text === undefined || text === '') next.delete(name)
    else next.set(name, text)
  }
  const search = next.toString()
  return search === '' ? pathname : `${pathname}?${search}`
}

/** The query string that carries the shared filters to another page (the range and context, nothing page-specific). */
export function sharedQuery(query: URLSearchParams): string {
  const shared = new URLSearchParams()
  for (const name of ['range', 'from', 'to', ...CONTEXT_FILTERS]) {
    const text = query.get(name)
    if (text !== null && text !== '') shared.set(name, text)
  }
  const search = shared.toString()
  return search === '' ? '' : `?${search}`
}
