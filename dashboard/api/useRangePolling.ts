/** Live refresh of a query over the page's time range: a rolling range asks for a fresh window each time. */
import { rangeId, windowOf, type TimeRange, type TimeWindow } from '../filters/timeRange.ts'
import { usePollingAt, type LivePoll } from './usePolling.ts'

const EPOCH: TimeWindow = { fromMs: 0, toMs: 0 }

/** Polls the path `pathFor` builds for the range's window at each request; undefined fetches nothing. */
export function useRangePolling<T>(
  range: TimeRange,
  pathFor: ((window: TimeWindow) => string) | undefined,
  intervalMs?: number,
): LivePoll<T> {
  // The path for a window at the epoch names the query without the clock, so the key changes only with the query.
  const key = pathFor === undefined ? undefined : [pathFor(EPOCH), rangeId(range)]
  return usePollingAt<T>(key, (nowMs) => (pathFor === undefined ? '' : pathFor(windowOf(range, nowMs))), { intervalMs })
}
