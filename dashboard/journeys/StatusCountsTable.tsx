/** Journeys per type and status, each count a link to the list of those journeys. */
import type { JourneyStatusCountsResponse } from '../../core/index.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { journeyListHref } from '../router/hrefs.ts'
import { STATUS_ORDER, statusLabel } from './statuses.ts'

/** A table of journey counts: a row per type, a column per status, and a bar of the shares. */
export function StatusCountsTable({ counts, shared }: { readonly counts: JourneyStatusCountsResponse; readonly shared: string }) {
  return (
    <table className="data-table status-counts">
      <caption>Journeys that started in the window, by status</caption>
      <thead>
        <tr>
          <th scope="col">Type</th>
          {STATUS_ORDER.map((status) => (
            <th key={status} scope="col" className="num">
              {statusLabel(status)}
            </th>
          ))}
          <th scope="col" className="num">
            All
          </th>
          <th scope="col">Share</th>
        </tr>
      </thead>
      <tbody>
        {counts.types.map((row) => (
          <tr key={row.type}>
            <th scope="row">
              <Link to={journeyListHref({ type: row.type }, shared)}>{row.type}</Link>
            </th>
            {STATUS_ORDER.map((status) => (
              <td
                key={status}
                className={row.counts[status] > 0 && ['failed', 'stalled', 'late'].includes(status) ? 'num error-text' : 'num'}
              >
                {row.counts[status] > 0 ? (
                  <Link to={journeyListHref({ type: row.type, status }, shared)}>{formatCount(row.counts[status])}</Link>
                ) : (
                  '0'
                )}
              </td>
            ))}
            <td className="num">{formatCount(row.total)}</td>
            <td className="share-cell">
              <span className="share-bar" aria-hidden="true">
                {STATUS_ORDER.map((status) =>
                  row.counts[status] > 0 ? (
                    <span
                      key={status}
                      className={`share share-${status}`}
                      style={{ width: `${(100 * row.counts[status]) / Math.max(row.total, 1)}%` }}
                    />
                  ) : null,
                )}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
