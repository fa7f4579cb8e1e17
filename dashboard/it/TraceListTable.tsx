/** Slow or failed traces: when, where they began, how long, what failed, and the business keys they carried. */
import type { EstateTrace } from '../../core/index.ts'
import { KeyChips } from '../components/KeyChips.tsx'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'

/** A table of traces, each linking to its waterfall. */
export function TraceListTable({ caption, traces }: { readonly caption: string; readonly traces: readonly EstateTrace[] }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Trace</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col">Keys</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace) => (
          <tr key={trace.traceId} className={trace.errorCount > 0 ? 'row-error' : undefined}>
            <td>
              <Link to={traceHref(trace.traceId)} title={trace.traceId}>
                {trace.rootService ? (
                  `${trace.rootService}: ${trace.rootSpan}`
                ) : (
                  <span className="mono">{trace.traceId.slice(0, 16)}…</span>
                )}
              </Link>
              <div className="cell-note">
                <Timestamp iso={trace.startTime} />
                {trace.error ? <span className="error-text"> · {trace.error}</span> : null}
              </div>
            </td>
            <td className="num">{formatDuration(trace.durationMs)}</td>
            <td className="num">
              {formatCount(trace.spanCount)}
              {trace.errorCount > 0 ? <div className="error-text">{formatCount(trace.errorCount)} failed</div> : null}
            </td>
            <td>
              <KeyChips keys={trace.keys} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
