/**
 * Spans that never made it, and why: refused by the receiver (the sender was told in its
 * partial success) or refused by storage and kept in the quarantine until it is replayed.
 */
import type { IngestRejection, IngestRejectionsResponse } from '../../core/index.ts'
import { Tile } from '../components/Tile.tsx'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'

const SOURCE_LABELS: Readonly<Record<IngestRejection['source'], string>> = { receiver: 'refused at the door', quarantine: 'quarantined' }

const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((sum, n) => sum + n, 0)
const reasons = (counts: Readonly<Record<string, number>>): string =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason.replaceAll('_', ' ')} ${formatCount(n)}`)
    .join(', ')

/** The counts by reason and the newest refused spans. */
export function IngestRejections({ answer }: { readonly answer: IngestRejectionsResponse }) {
  const refused = total(answer.rejectedByReason)
  const quarantined = total(answer.quarantinedByReason)
  return (
    <>
      <div className="tiles tiles-2">
        <Tile
          label="Refused by the receiver"
          value={formatCount(refused)}
          note={refused > 0 ? reasons(answer.rejectedByReason) : 'since the platform started'}
          alarm={refused > 0}
        />
        <Tile
          label="In the quarantine"
          value={formatCount(quarantined)}
          note={
            quarantined > 0 ? `${reasons(answer.quarantinedByReason)}; replay with npm run quarantine -- replay` : 'storage refused nothing'
          }
          alarm={quarantined > 0}
        />
      </div>
      {answer.recent.length === 0 ? null : (
        <table className="data-table">
          <caption>Newest {formatCount(answer.recent.length)} refused spans</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Where</th>
              <th scope="col">Span</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {answer.recent.map((r, i) => (
              <tr key={`${r.at}\u0000${r.spanId}\u0000${i}`} className="row-error">
                <td>
                  <Timestamp iso={r.at} />
                </td>
                <td>
                  <span className={`badge badge-problem-${r.source === 'quarantine' ? 'dead_letter' : 'failed'}`}>
                    {SOURCE_LABELS[r.source]}
                  </span>
                  <div className="cell-note">{r.reason.replaceAll('_', ' ')}</div>
                </td>
                <td>
                  <span className="mono">{r.name || <span className="muted">unnamed</span>}</span>
                  <div className="cell-note">
                    {r.service || 'unknown service'}
                    {/^[0-9a-f]{32}$/.test(r.traceId) ? (
                      <>
                        {' '}
                        · <Link to={traceHref(r.traceId, r.spanId)}>trace {r.traceId.slice(0, 8)}</Link>
                      </>
                    ) : null}
                  </div>
                </td>
                <td className="why">{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
