/** The live-refresh note beside a page title: when the data is from, and whether the last refresh failed. */
import type { PollState } from '../api/pollState.ts'
import { REFRESH_INTERVAL_MS } from '../api/usePolling.ts'
import { formatClock } from '../format/time.ts'

/** "Live, updated 10:01:02 GMT+1", or a warning that what is shown is stale. */
export function LiveStatus<T>({ poll }: { readonly poll: PollState<T> }) {
  if (poll.updatedAt === undefined) return null
  const updated = formatClock(poll.updatedAt)
  if (poll.failure && poll.data !== undefined) {
    return (
      <p className="live live-stale" title={poll.failure.message}>
        Refresh failed ({poll.failure.code}); showing data from {updated}
      </p>
    )
  }
  return (
    <p className="live" title={`Refreshes every ${REFRESH_INTERVAL_MS / 1000} s while this tab is visible`}>
      <span className="live-dot" aria-hidden="true" /> Live, updated {updated}
    </p>
  )
}
