/** Where orders wait: p95 time between stages per store (or channel, region), the slowest group of each step marked. */
import type { StageLatencyResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { latencyMatrix } from './latencyMatrix.ts'

const shortStage = (stage: string): string => stage.slice(stage.indexOf('.') + 1).replace(/_/g, ' ')

/** The matrix table. */
export function LatencyMatrixTable({ answer, groupLabel }: { readonly answer: StageLatencyResponse; readonly groupLabel: string }) {
  const matrix = latencyMatrix(answer)
  return (
    <table className="data-table matrix">
      <caption>p95 time from one stage to the next (journeys counted); the slowest {groupLabel} of each step is marked</caption>
      <thead>
        <tr>
          <th scope="col">{groupLabel}</th>
          {matrix.transitions.map((t) => (
            <th key={`${t.from}>${t.to}`} scope="col" className="num" title={`${t.from} → ${t.to}`}>
              <span className="cell-note">{shortStage(t.from)} →</span>
              <div>{shortStage(t.to)}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((row) => (
          <tr key={row.group}>
            <th scope="row">{row.group || <span className="muted">none (online)</span>}</th>
            {row.cells.map((cell, i) =>
              cell ? (
                <td
                  key={i}
                  className={cell.slowest ? 'num warn-text slowest' : 'num'}
                  title={`p50 ${formatDuration(cell.p50Ms)}, ${formatCount(cell.count)} journeys`}
                >
                  {formatDuration(cell.p95Ms)}
                  <div className="cell-note">{formatCount(cell.count)}</div>
                </td>
              ) : (
                <td key={i} className="num muted">
                  –
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
