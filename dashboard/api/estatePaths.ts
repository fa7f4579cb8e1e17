/** The estate API's paths (`/api/estate/*`), with the window and filters as query parameters. */
import type { TimeWindow } from '../filters/timeRange.ts'

/** The estate API's routes. */
export type EstateEndpoint = 'latency' | 'hops' | 'slow-traces' | 'failed-traces' | 'failed-messages' | 'stock' | 'filters'

/** The filters the estate API takes besides the window. */
export interface EstateScopeFilters {
  readonly service?: string
  readonly span?: string
  readonly store?: string
  readonly channel?: string
  readonly region?: string
}

/** Query parameters in a fixed order, leaving out the ones without a value. */
export function queryString(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value))
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

/** `GET /api/estate/{endpoint}?from=&to=&service=&span=&store=&channel=&region=` plus any extra parameters. */
export function estatePath(
  endpoint: EstateEndpoint,
  window: TimeWindow,
  filters: EstateScopeFilters,
  extra: Readonly<Record<string, string | undefined>> = {},
): string {
  const { service, span, store, channel, region } = filters
  return `/api/estate/${endpoint}${queryString({ from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString(), service, span, store, channel, region, ...extra })}`
}
