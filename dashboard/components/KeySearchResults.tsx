/** The live answer to one business-key search: its traces, its spans and its log records. */
import type { LogsResponse, SearchResponse } from '../../core/index.ts'
import type { PollState } from '../api/pollState.ts'
import { keyLogsPath, searchPath } from '../api/paths.ts'
import { LogList } from '../logs/LogList.tsx'
import { usePolling } from '../api/usePolling.ts'
import { LiveStatus } from './LiveStatus.tsx'
import { PollView } from './PollView.tsx'
import { SpanSummaryTable } from './SpanSummaryTable.tsx'
import { EmptyState } from './StateViews.tsx'
import { TraceSummaryTable } from './TraceSummaryTable.tsx'

/** Searches `GET /api/search?key=&value=` and keeps the answer live. */
export function KeySearchResults({ keyName, value }: { readonly keyName: string; readonly value: string }) {
  const poll = usePolling<SearchResponse>(searchPath(keyName, value))
  return <KeySearchView keyName={keyName} value={value} poll={poll} />
}

/** Shows a search answer that the page polls itself. */
export function KeySearchView({
  keyName,
  value,
  poll,
}: {
  readonly keyName: string
  readonly value: string
  readonly poll: PollState<SearchResponse>
}) {
  const logs = usePolling<LogsResponse>(keyLogsPath(keyName, value)).data?.logs ?? []
  const nothing = (
    <EmptyState title={`No spans or log records carry ${keyName} = ${value} yet.`}>
      <p>Values match exactly. Spans and log lines that arrive later show up here by themselves.</p>
    </EmptyState>
  )
  return (
    <section aria-label="Search results">
      <div className="results-heading">
        <h2>
          <span className="mono">{keyName}</span> = {value}
        </h2>
        <LiveStatus poll={poll} />
      </div>
      <PollView
        poll={poll}
        what="the search"
        empty={nothing}
        isEmpty={(r) => r.traces.length === 0 && r.spans.length === 0 && logs.length === 0}
      >
        {(result) => (
          <>
            <div className="card">
              <TraceSummaryTable traces={result.traces} />
            </div>
            <div className="card">
              <SpanSummaryTable spans={result.spans} />
            </div>
            <div className="card">
              <LogList
                logs={logs}
                caption={`Log records that carry it, newest first (${logs.length})`}
                empty="No log record carries it (systems that only log, such as batch jobs, show here)."
              />
            </div>
          </>
        )}
      </PollView>
    </section>
  )
}
