/** Zooming a chart: the page moves to the fixed window a drag selected, and the browser's back returns. */
import { hrefWith } from '../filters/pageFilters.ts'
import { rangeParams, type TimeWindow } from '../filters/timeRange.ts'
import { navigate, type AppLocation } from '../router/location.ts'

/** A zoom handler for the page at `location`. */
export function zoomTo(location: AppLocation): (window: TimeWindow) => void {
  return (window) => navigate(hrefWith(location.pathname, location.query, rangeParams({ kind: 'fixed', ...window })))
}
