/** Settlements by posting status: how many, how much, and how old the oldest is, per currency. */
import type { SettlementPostingResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { formatMoney } from './money.ts'

const ORDER = ['unposted', 'posted', 'reconciled'] as const
const LABELS: Readonly<Record<(typeof ORDER)[number], string>> = {
  unposted: 'batched, not posted to the ERP',
  posted: 'posted, not reconciled',
  reconciled: 'reconciled',
}

/** The settlement status table, unposted first. */
export function SettlementStatusTable({ answer }: { readonly answer: SettlementPostingResponse }) {
  const rows = [...answer.statuses].sort(
    (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || a.currency.localeCompare(b.currency),
  )
  return (
    <table className="data-table">
      <caption>Settlements that started in the window, by posting status</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Settlements
          </th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Oldest
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.status}-${row.currency}`} className={row.status === 'unposted' && row.count > 0 ? 'row-error' : undefined}>
            <th scope="row">{LABELS[row.status]}</th>
            <td className="num">{formatCount(row.count)}</td>
            <td className="num">{formatMoney(row.amount, row.currency)}</td>
            <td className="num">{row.oldestAgeMs !== undefined ? `${formatDuration(row.oldestAgeMs)} ago` : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
