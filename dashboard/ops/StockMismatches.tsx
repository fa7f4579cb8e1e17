/** Stock the systems disagree on: totals by store and channel, then each SKU with every system's latest reading. */
import type { EstateStockResponse, StockMismatchGroup } from '../../core/index.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { searchHref, traceHref } from '../router/hrefs.ts'

function GroupTable({
  caption,
  label,
  groups,
}: {
  readonly caption: string
  readonly label: string
  readonly groups: readonly StockMismatchGroup[]
}) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="num">
            SKUs apart
          </th>
          <th scope="col" className="num">
            Units apart
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.name}>
            <th scope="row">{g.name}</th>
            <td className="num error-text">{formatCount(g.skus)}</td>
            <td className="num">{formatCount(g.unitsApart)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The stock section's content. */
export function StockMismatches({ answer }: { readonly answer: EstateStockResponse }) {
  return (
    <>
      <p className="muted section-note">
        {formatCount(answer.mismatches.length)}
        {answer.truncated ? '+' : ''} of {formatCount(answer.comparedPairs)} SKU and location pairs read by two systems or more differ by
        more than {formatCount(answer.tolerance)} units, now and {formatCount(answer.settleSeconds)} s ago (so a sale still on its way is
        not counted).
      </p>
      <div className="columns">
        <GroupTable caption="By store" label="Store" groups={answer.byStore} />
        <GroupTable caption="By channel" label="Channel" groups={answer.byChannel} />
      </div>
      <table className="data-table">
        <caption>Widest gaps first</caption>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Location</th>
            <th scope="col" className="num">
              Units apart
            </th>
            <th scope="col">Latest on-hand per system</th>
          </tr>
        </thead>
        <tbody>
          {answer.mismatches.slice(0, 15).map((m) => (
            <tr key={`${m.sku}\u0000${m.location}`}>
              <th scope="row">
                <Link to={searchHref('retail.sku', m.sku)}>{m.sku}</Link>
              </th>
              <td>
                {m.location}
                {m.channel ? <div className="cell-note">{m.channel}</div> : null}
              </td>
              <td className="num error-text">{formatCount(m.unitsApart)}</td>
              <td>
                <ul className="chips">
                  {m.readings.map((r) => (
                    <li key={r.system} className="chip">
                      <Link to={traceHref(r.traceId)} title={`read at ${r.at}`}>
                        {r.system} {formatCount(r.onHand)}
                      </Link>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
