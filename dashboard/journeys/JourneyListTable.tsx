/** A page of journeys: where each one is, who holds it, and how long it has been going. */
import type { JourneySummary } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatDuration } from '../format/duration.ts'
import { formatMoney } from '../finance/money.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'
import { statusLabel } from './statuses.ts'

/** A table of journeys, each linking to its page; `compact` keeps the columns that fit half a laptop screen. */
export function JourneyListTable({
  journeys,
  caption,
  compact = false,
}: {
  readonly journeys: readonly JourneySummary[]
  readonly caption: string
  readonly compact?: boolean
}) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Status</th>
          <th scope="col">Current stage</th>
          {compact ? null : <th scope="col">Held by</th>}
          <th scope="col">Store</th>
          {compact ? null : <th scope="col">Channel</th>}
          {compact ? null : <th scope="col">Progress</th>}
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Age
          </th>
          {compact ? null : <th scope="col">Started</th>}
        </tr>
      </thead>
      <tbody>
        {journeys.map((j) => (
          <tr
            key={`${j.type}/${j.key}`}
            className={j.status === 'failed' || j.status === 'stalled' || j.status === 'late' ? 'row-error' : undefined}
          >
            <th scope="row" className="nowrap">
              <Link to={journeyHref(j.type, j.key)}>
                <span className="muted">{j.type}</span> {j.key}
              </Link>
            </th>
            <td>
              <span className={`badge badge-journey-${j.status}`}>{statusLabel(j.status)}</span>
              {j.late && j.status !== 'late' ? <span className="cell-note"> was late</span> : null}
            </td>
            <td className="mono">{j.currentStage || '–'}</td>
            {compact ? null : <td>{j.currentSystem || <span className="muted">–</span>}</td>}
            <td className="nowrap">{j.store || <span className="muted">–</span>}</td>
            {compact ? null : (
              <td>
                {j.channel || <span className="muted">–</span>}
                {j.region ? <div className="cell-note">{j.region}</div> : null}
              </td>
            )}
            {compact ? null : (
              <td className="nowrap">
                <span className="progress" aria-hidden="true">
                  <span style={{ width: `${(100 * j.stagesReached) / Math.max(j.stageCount, 1)}%` }} />
                </span>
                {j.stagesReached}/{j.stageCount}
              </td>
            )}
            <td className="num nowrap">
              {j.amount !== undefined ? formatMoney(j.amount, j.currency ?? '') : <span className="muted">–</span>}
            </td>
            <td className="num">{formatDuration(j.ageMs)}</td>
            {compact ? null : (
              <td>
                <Timestamp iso={j.startedAt} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
