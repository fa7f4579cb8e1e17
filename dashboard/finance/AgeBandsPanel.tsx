/** Money by age band as bars, with its table one click away. */
import { lazy } from 'react'
import type { PostingAgeBand } from '../../core/index.ts'
import { ChartPanel } from '../charts/ChartPanel.tsx'
import { formatCount } from '../format/number.ts'
import { ageBands } from './financeTrends.ts'
import { formatMoney } from './money.ts'

const AgeBandsChart = lazy(async () => ({ default: (await import('./AgeBandsChart.tsx')).AgeBandsChart }))

/** Bars and table of money by age band; `what` names the items ("settlements"). */
export function AgeBandsPanel({
  title,
  bands,
  what,
}: {
  readonly title: string
  readonly bands: readonly PostingAgeBand[]
  readonly what: string
}) {
  const view = ageBands(bands)
  return (
    <ChartPanel
      label={title}
      chart={<AgeBandsChart title={title} view={view} />}
      table={
        <table className="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Waiting</th>
              {view.currencies.map(({ currency }) => (
                <th key={currency} scope="col" className="num">
                  {what} ({currency || 'no currency'})
                </th>
              ))}
              {view.currencies.map(({ currency }) => (
                <th key={currency} scope="col" className="num">
                  Amount ({currency || 'no currency'})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.age}>
                <th scope="row">{row.age}</th>
                {view.currencies.map(({ currency }) => (
                  <td key={currency} className="num">
                    {formatCount(Number(row[`${currency} count`] ?? 0))}
                  </td>
                ))}
                {view.currencies.map(({ currency }) => (
                  <td key={currency} className="num">
                    {formatMoney(Number(row[currency] ?? 0), currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
