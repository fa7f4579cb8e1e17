/** Refunds paid to the customer and not credited in the ERP, the longest waiting first, with their amounts. */
import type { RefundPostingResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { journeyHref } from '../router/hrefs.ts'
import { Link } from '../router/Link.tsx'
import { formatMoney } from './money.ts'

/** The longest-waiting refunds. */
export function PendingRefundsTable({
  refunds,
  caption,
}: {
  readonly refunds: RefundPostingResponse['oldestPending']
  readonly caption: string
}) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Return</th>
          <th scope="col">Store</th>
          <th scope="col" className="num">
            Refunded
          </th>
          <th scope="col" className="num">
            Waiting for its credit
          </th>
        </tr>
      </thead>
      <tbody>
        {refunds.map((refund) => (
          <tr key={`${refund.type}-${refund.key}`}>
            <th scope="row">
              <Link to={journeyHref(refund.type, refund.key)}>{refund.key}</Link>
            </th>
            <td>{refund.store ?? '–'}</td>
            <td className="num">{refund.amount !== undefined ? formatMoney(refund.amount, refund.currency ?? '') : '–'}</td>
            <td className="num">{formatDuration(refund.ageMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
