/** A trend chart's figures as a table: one row per bucket, a column per series. */
import { formatTimestamp } from '../format/time.ts'
import type { TrendRow, TrendSeries } from './trendSeries.ts'

/** Props of a trend table. */
export interface TrendTableProps {
  readonly caption: string
  readonly rows: readonly TrendRow[]
  readonly series: readonly TrendSeries[]
  readonly format: (value: number) => string
}

/** The table behind a trend chart, newest bucket first. */
export function TrendTable({ caption, rows, series, format }: TrendTableProps) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Bucket from</th>
          {series.map((s) => (
            <th key={s.key} scope="col" className="num">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...rows].reverse().map((row) => (
          <tr key={row.at}>
            <td className="nowrap">{formatTimestamp(new Date(row.at).toISOString())}</td>
            {series.map((s) => {
              const value = row[s.key]
              return (
                <td key={s.key} className="num">
                  {value === undefined ? '–' : format(value)}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
