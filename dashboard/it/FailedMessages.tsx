/** Message deliveries that failed, were retried or were dead-lettered, with their business keys and a link to each span. */
import { useState } from 'react'
import type { EstateMessage, EstateMessagesResponse } from '../../core/index.ts'
import { KeyChips } from '../components/KeyChips.tsx'
import { Tile } from '../components/Tile.tsx'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatCount } from '../format/number.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'

/** Rows shown before the reader asks for all of them. */
const FIRST_ROWS = 12
const PROBLEM_LABELS: Readonly<Record<EstateMessage['problem'], string>> = {
  dead_letter: 'dead-lettered',
  failed: 'failed',
  retried: 'retried',
}

/** The delivery totals and the newest problem deliveries. */
export function FailedMessages({ answer }: { readonly answer: EstateMessagesResponse }) {
  const { counts } = answer
  const [all, setAll] = useState(false)
  const messages = all ? answer.messages : answer.messages.slice(0, FIRST_ROWS)
  return (
    <>
      <div className="tiles tiles-3">
        <Tile
          label="Failed deliveries"
          value={formatCount(counts.failed)}
          note="consumer or producer spans in error"
          alarm={counts.failed > 0}
        />
        <Tile label="Retries" value={formatCount(counts.retried)} note="deliveries with retail.retry.attempt" />
        <Tile
          label="Dead-lettered"
          value={formatCount(counts.deadLettered)}
          note="given up on (retail.dead_letter)"
          alarm={counts.deadLettered > 0}
        />
      </div>
      {messages.length === 0 ? (
        <p className="muted">No failed, retried or dead-lettered deliveries in this window.</p>
      ) : (
        <table className="data-table">
          <caption>
            Newest {formatCount(messages.length)} of the {formatCount(answer.messages.length)} latest problem deliveries{' '}
            {answer.messages.length > FIRST_ROWS ? (
              <button type="button" className="link-button" onClick={() => setAll(!all)}>
                {all ? 'Show fewer' : 'Show all'}
              </button>
            ) : null}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Problem</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">
                Attempt
              </th>
              <th scope="col">Why</th>
              <th scope="col">Business keys</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={`${m.traceId}\u0000${m.spanId}`} className={m.problem === 'retried' ? undefined : 'row-error'}>
                <td>
                  <Link to={traceHref(m.traceId, m.spanId)} title="Open the span in its trace">
                    <Timestamp iso={m.at} />
                  </Link>
                </td>
                <td>
                  <span className={`badge badge-problem-${m.problem}`}>{PROBLEM_LABELS[m.problem]}</span>
                </td>
                <td>
                  <span className="mono">{m.destination || m.span}</span>
                  <div className="cell-note">
                    {m.service} ({m.kind})
                  </div>
                </td>
                <td className="num">{m.attempt > 0 ? formatCount(m.attempt) : 'first'}</td>
                <td className="why">{m.message || <span className="muted">no message</span>}</td>
                <td>
                  <KeyChips keys={Object.entries(m.businessKeys).map(([key, value]) => ({ key, value }))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
