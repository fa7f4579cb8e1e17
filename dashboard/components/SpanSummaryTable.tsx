/** The spans that carry a business key, in time order: the stages a journey went through. */
import type { SpanSummary } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'
import { StatusBadge } from './StatusBadge.tsx'
import { Timestamp } from './Timestamp.tsx'

/** A table of spans, each linking to itself in its trace's waterfall. */
export function SpanSummaryTable({ spans }: { readonly spans: readonly SpanSummary[] }) {
  const rows = [...spans].sort((a, b) => a.startTime.localeCompare(b.startTime))
  return (
    <table className="data-table">
      <caption>Spans ({formatCount(rows.length)})</caption>
      <thead>
        <tr>
          <th scope="col">Start</th>
          <th scope="col">Span</th>
          <th scope="col">Service</th>
          <th scope="col">Stage</th>
          <th scope="col">System</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={`${s.traceId}:${s.spanId}`} className={s.statusCode === 'error' ? 'row-error' : undefined}>
            <td>
              <Timestamp iso={s.startTime} />
            </td>
            <td>
              <Link to={traceHref(s.traceId, s.spanId)}>{s.name}</Link>
            </td>
            <td>{s.service}</td>
            <td>{s.stage ? <span className="stage">{s.stage}</span> : <span className="muted">–</span>}</td>
            <td>{s.system || <span className="muted">–</span>}</td>
            <td className="num">{formatDuration(s.durationMs)}</td>
            <td>
              <StatusBadge status={s.statusCode} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
