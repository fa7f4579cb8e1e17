/** The journeys and alerts API's paths (`/api/journeys*`, `/api/alerts*`), with every value escaped. */
import type { TimeWindow } from '../filters/timeRange.ts'
import { queryString } from './estatePaths.ts'

/** The filters and page of a journey list. */
export interface JourneyListQuery {
  readonly type?: string
  readonly status?: string
  readonly store?: string
  readonly channel?: string
  readonly region?: string
  readonly limit?: number
  readonly offset?: number
  readonly sort?: 'newest' | 'oldest'
}

/** The journey aggregates the dashboards draw. */
export type JourneyStat =
  'status' | 'latency' | 'trends' | 'promotions' | 'store-sales' | 'settlements' | 'refunds' | 'taxes' | 'duplicates' | 'stock-decrements'

const windowParams = (window: TimeWindow) => ({ from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString() })

/** `GET /api/journeys?…`: journeys that started in the window, filtered and paged. */
export function journeyListPath(window: TimeWindow, query: JourneyListQuery): string {
  const { type, status, store, channel, region, limit, offset, sort } = query
  return `/api/journeys${queryString({ type, status, store, channel, region, ...windowParams(window), limit, offset, sort })}`
}

/** `GET /api/journeys/{type}/{key}`: one journey. */
export function journeyPath(type: string, key: string): string {
  return `/api/journeys/${encodeURIComponent(type)}/${encodeURIComponent(key)}`
}

/** `GET /api/journeys/stats/{stat}?from=&to=…`: an aggregate over journeys that started in the window. */
export function journeyStatsPath(stat: JourneyStat, window: TimeWindow, extra: Readonly<Record<string, string | undefined>> = {}): string {
  return `/api/journeys/stats/${stat}${queryString({ ...windowParams(window), ...extra })}`
}

/** `GET /api/alerts?state=`: the tenant's alerts, all of them when no state is named. */
export function alertsPath(states: readonly string[] = []): string {
  return `/api/alerts${queryString({ state: states.join(',') })}`
}

/** `GET /api/alerts/values`: every rule's value round by round over the last 6 hours. */
export function alertValuesPath(): string {
  return '/api/alerts/values'
}

/** `POST` or `DELETE /api/alerts/{dedupKey}/silence`. */
export function silencePath(dedupKey: string): string {
  return `/api/alerts/${encodeURIComponent(dedupKey)}/silence`
}
