/**
 * Tax postings as finance reads them: per journey type how many are posted, posted late, pending
 * (not due yet), overdue (due and never arrived) and failed, with the amounts at stake; then the
 * postings overdue the longest, each a way down to its journey.
 */
import type { TaxPostingResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { journeyHref } from '../router/hrefs.ts'
import { Link } from '../router/Link.tsx'
import { formatMoney } from './money.ts'

type TaxState = TaxPostingResponse['states'][number]['state']

/** The states in the order a reader checks them: what is missing first. */
export const TAX_STATES: readonly TaxState[] = ['overdue', 'failed', 'pending', 'posted_late', 'posted']
const LABELS: Readonly<Record<TaxState, string>> = {
  overdue: 'overdue, never posted',
  failed: 'failed',
  pending: 'pending, not due yet',
  posted_late: 'posted late',
  posted: 'posted in time',
}

/** Postings per type and state, with amounts; the missing ones marked. */
export function TaxStatesTable({ answer }: { readonly answer: TaxPostingResponse }) {
  const rows = [...answer.states].sort(
    (a, b) =>
      a.type.localeCompare(b.type) || TAX_STATES.indexOf(a.state) - TAX_STATES.indexOf(b.state) || a.currency.localeCompare(b.currency),
  )
  return (
    <table className="data-table">
      <caption>Tax postings due for the window’s {answer.stages.map((s) => `${s.type}s`).join(' and ')}, by state</caption>
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">State</th>
          <th scope="col" className="num">
            Postings
          </th>
          <th scope="col" className="num">
            Amount at stake
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={`${row.type}-${row.state}-${row.currency}`}
            className={row.state === 'overdue' || row.state === 'failed' ? 'row-error' : undefined}
          >
            <th scope="row">{row.type}</th>
            <td>{LABELS[row.state]}</td>
            <td className="num">{formatCount(row.count)}</td>
            <td className="num">{formatMoney(row.amount, row.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The postings overdue or failed the longest. */
export function OverdueTaxTable({ overdue }: { readonly overdue: TaxPostingResponse['overdue'] }) {
  return (
    <table className="data-table">
      <caption>Overdue the longest</caption>
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Store</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Overdue by
          </th>
        </tr>
      </thead>
      <tbody>
        {overdue.map((posting) => (
          <tr key={`${posting.type}-${posting.key}`}>
            <th scope="row">
              <Link to={journeyHref(posting.type, posting.key)}>{posting.key}</Link>
              {posting.failed ? <span className="error-text"> failed</span> : null}
            </th>
            <td>{posting.store ?? '–'}</td>
            <td className="num">{posting.amount !== undefined ? formatMoney(posting.amount, posting.currency ?? '') : '–'}</td>
            <td className="num">{formatDuration(posting.overdueMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
