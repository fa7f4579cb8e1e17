/** The traces a business key appears in: when, how big, how many errors, through which services. */
import type { TraceSummary } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { millisBetween } from '../format/time.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'
import { Timestamp } from './Timestamp.tsx'

/** A table of traces, oldest first so a journey reads in order, each linking to its waterfall. */
export function TraceSummaryTable({ traces }: { readonly traces: readonly TraceSummary[] }) {
  const rows = [...traces].sort((a, b) => a.startTime.localeCompare(b.startTime))
  return (
    <table className="data-table">
      <caption>Traces ({formatCount(rows.length)})</caption>
      <thead>
        <tr>
          <th scope="col">Start</th>
          <th scope="col">Trace</th>
          <th scope="col" className="num">
            Duration
          </th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col" className="num">
            Errors
          </th>
          <th scope="col">Services</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.traceId} className={t.errorCount > 0 ? 'row-error' : undefined}>
            <td>
              <Timestamp iso={t.startTime} />
            </td>
            <td>
              <Link to={traceHref(t.traceId)} className="mono" title={t.traceId}>
                {t.traceId.slice(0, 16)}…
              </Link>
            </td>
            <td className="num">{formatDuration(millisBetween(t.startTime, t.endTime))}</td>
            <td className="num">{formatCount(t.spanCount)}</td>
            <td className={t.errorCount > 0 ? 'num error-text' : 'num'}>{formatCount(t.errorCount)}</td>
            <td>
              <ul className="chips">
                {t.services.map((s) => (
                  <li key={s} className="chip">
                    {s}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
