/** `/traces/{traceId}`: one trace as a waterfall; `#span-<spanId>` selects a span. */
import type { LogsResponse, TraceResponse } from '../../core/index.ts'
import { traceLogsPath, tracePath } from '../api/paths.ts'
import { usePolling } from '../api/usePolling.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PollView } from '../components/PollView.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { TraceView } from '../components/TraceView.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { Link } from '../router/Link.tsx'
import { navigate } from '../router/location.ts'
import { spanHash, spanIdFromHash } from '../router/hrefs.ts'

/** The trace page. */
export function TracePage({ traceId, hash }: { readonly traceId: string; readonly hash: string }) {
  useDocumentTitle(`Trace ${traceId.slice(0, 8)}`)
  const poll = usePolling<TraceResponse>(tracePath(traceId))
  // The trace's log records, shown with the span each was written in; none until they are stored.
  const logs = usePolling<LogsResponse>(traceLogsPath(traceId))
  const notFound = (
    <EmptyState title={`Trace ${traceId} was not found.`}>
      <p>
        It may not have arrived yet (this page keeps checking), it may be older than the retention period, or the id may be mistyped. Try{' '}
        <Link to="/journeys">searching by business key</Link>.
      </p>
    </EmptyState>
  )
  return (
    <>
      <PageHeading
        title={
          <>
            Trace <span className="mono">{traceId}</span>
          </>
        }
        aside={<LiveStatus poll={poll} />}
      />
      <PollView poll={poll} what="the trace" notFound={notFound} empty={notFound} isEmpty={(t) => t.spans.length === 0}>
        {(trace) => (
          <TraceView
            trace={trace}
            logs={logs.data?.logs ?? []}
            selectedSpanId={spanIdFromHash(hash)}
            onSelect={(id) => navigate(spanHash(id), { replace: true })}
          />
        )}
      </PollView>
    </>
  )
}
