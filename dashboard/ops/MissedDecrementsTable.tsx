/** Store sales whose stock decrement never showed in the ERP's readings in time, per store and SKU, the most missed first. */
import type { StockDecrementsResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref, traceHref } from '../router/hrefs.ts'

/** Rows shown at most. */
const MAX_ROWS = 30

/** The missed-decrement table; `store` narrows it to one store. */
export function MissedDecrementsTable({ answer, store }: { readonly answer: StockDecrementsResponse; readonly store?: string }) {
  const rows = (store === undefined ? answer.skus : answer.skus.filter((row) => row.store === store)).slice(0, MAX_ROWS)
  return (
    <table className="data-table">
      <caption>
        {formatCount(answer.missed)} {answer.missed === 1 ? 'sale' : 'sales'} never showed in the {answer.system.toUpperCase()}’s stock
        within {formatDuration(answer.withinMs)}; {formatCount(answer.awaited)} still within it
      </caption>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col">SKU</th>
          <th scope="col" className="num">
            Missed
          </th>
          <th scope="col" className="num">
            Units
          </th>
          <th scope="col" className="num">
            Awaited
          </th>
          <th scope="col">Sales</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.store}\u0000${row.sku}`} className={row.missed > 0 ? 'row-error' : undefined}>
            <th scope="row">{row.store || '(none)'}</th>
            <td className="mono">{row.sku}</td>
            <td className={row.missed > 0 ? 'num error-text' : 'num'}>{formatCount(row.missed)}</td>
            <td className="num">{row.missedUnits > 0 ? formatCount(row.missedUnits) : '–'}</td>
            <td className="num">{formatCount(row.awaited)}</td>
            <td>
              {row.sales.map((sale, i) => (
                <span key={sale}>
                  {i > 0 ? ', ' : null}
                  <Link to={journeyHref('sale', sale)}>{sale}</Link>
                </span>
              ))}
              {row.sales.length === 0 && row.traces[0] ? <Link to={traceHref(row.traces[0])}>trace</Link> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
