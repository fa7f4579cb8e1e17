/** The series of the latency charts as a table: volume, errors and percentiles, each name a link to narrow down. */
import type { LatencySeries } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount, formatPerMinute, formatRate } from '../format/number.ts'
import { Link } from '../router/Link.tsx'

/** Props of the series table. */
export interface SeriesTableProps {
  readonly caption: string
  readonly series: readonly LatencySeries[]
  /** How many minutes the window covers, for the per-minute rate. */
  readonly minutes: number
  /** The link that narrows the view to one series, if it can be narrowed. */
  readonly hrefFor: (name: string) => string | undefined
  readonly selected?: string
}

/** A row per series, busiest first. */
export function SeriesTable({ caption, series, minutes, hrefFor, selected }: SeriesTableProps) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">System</th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col" className="num">
            Per minute
          </th>
          <th scope="col" className="num">
            Errors
          </th>
          <th scope="col" className="num">
            Error rate
          </th>
          <th scope="col" className="num">
            p50
          </th>
          <th scope="col" className="num">
            p95
          </th>
          <th scope="col" className="num">
            p99
          </th>
        </tr>
      </thead>
      <tbody>
        {series.map((s) => {
          const href = hrefFor(s.name)
          return (
            <tr
              key={s.name}
              className={[s.total.errors > 0 ? 'row-error' : '', s.name === selected ? 'row-selected' : ''].join(' ').trim() || undefined}
            >
              <th scope="row">{href ? <Link to={href}>{s.name}</Link> : s.name}</th>
              <td>{s.system || <span className="muted">unknown</span>}</td>
              <td className="num">{formatCount(s.total.count)}</td>
              <td className="num">{formatPerMinute(s.total.count, minutes)}</td>
              <td className={s.total.errors > 0 ? 'num error-text' : 'num'}>{formatCount(s.total.errors)}</td>
              <td className="num">{formatRate(s.total.errors, s.total.count)}</td>
              <td className="num">{formatDuration(s.total.p50Ms)}</td>
              <td className="num">{formatDuration(s.total.p95Ms)}</td>
              <td className="num">{formatDuration(s.total.p99Ms)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
