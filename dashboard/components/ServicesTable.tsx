/** The services seen in the last hour with their volume, errors and p95 latency. */
import type { OverviewResponse } from '../../core/index.ts'
import { formatCount, formatMillis, formatRate } from '../format/number.ts'

/** A table of services, busiest first. */
export function ServicesTable({
  services,
  caption = 'Services, last hour',
}: {
  readonly services: OverviewResponse['services']
  readonly caption?: string
}) {
  const rows = [...services].sort((a, b) => b.spans - a.spans || a.service.localeCompare(b.service))
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">System</th>
          <th scope="col" className="num">
            Spans
          </th>
          <th scope="col" className="num">
            Errors
          </th>
          <th scope="col" className="num">
            Error rate
          </th>
          <th scope="col" className="num">
            p95 (ms)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.service}>
            <th scope="row">{s.service}</th>
            <td>{s.system || <span className="muted">unknown</span>}</td>
            <td className="num">{formatCount(s.spans)}</td>
            <td className={s.errors > 0 ? 'num error-text' : 'num'}>{formatCount(s.errors)}</td>
            <td className="num">{formatRate(s.errors, s.spans)}</td>
            <td className="num">{formatMillis(s.p95Ms)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
