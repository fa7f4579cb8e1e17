/** Buy online, pick up in store: orders ready and not collected, per store, with the orders themselves. */
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'
import type { StorePickups } from './pickups.ts'

const ORDERS_SHOWN = 6

/** Props of the pickups table. */
export interface PickupsTableProps {
  readonly stores: readonly StorePickups[]
  /** The stages the orders wait at, for the caption. */
  readonly stages: readonly string[]
  readonly nowMs: number
}

/** A row per store with its waiting orders. */
export function PickupsTable({ stores, stages, nowMs }: PickupsTableProps) {
  return (
    <table className="data-table">
      <caption>Orders at {stages.join(' or ')}, longest wait (since their last activity) first</caption>
      <thead>
        <tr>
          <th scope="col">Store</th>
          <th scope="col" className="num">
            Waiting
          </th>
          <th scope="col" className="num">
            Longest wait
          </th>
          <th scope="col">Orders</th>
        </tr>
      </thead>
      <tbody>
        {stores.map((s) => (
          <tr key={s.store}>
            <th scope="row">{s.store}</th>
            <td className="num">{formatCount(s.waiting)}</td>
            <td className="num">{formatDuration(s.longestMs)}</td>
            <td>
              <ul className="chips">
                {s.orders.slice(0, ORDERS_SHOWN).map((order) => (
                  <li key={order.key} className="chip">
                    <Link
                      to={journeyHref(order.type, order.key)}
                      title={`ready for ${formatDuration(nowMs - Date.parse(order.lastActivityAt))}`}
                    >
                      {order.key}
                    </Link>
                  </li>
                ))}
                {s.orders.length > ORDERS_SHOWN ? <li className="chip muted">+{s.orders.length - ORDERS_SHOWN} more</li> : null}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
