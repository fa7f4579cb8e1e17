/** Message deliveries that failed, were retried or were dead-lettered, with their business keys and a link to each span. */
import { useState } from 'react'
import type { EstateMessage, EstateMessagesResponse } from '../../core/index.ts'
import { KeyChips } from '../components/KeyChips.tsx'
import { ReplayOutcome } from '../components/ReplayOutcome.tsx'
import { Tile } from '../components/Tile.tsx'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatCount } from '../format/number.ts'
import { formatDuration } from '../format/duration.ts'
import { millisBetween } from '../format/time.ts'
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
  const { counts, replays } = answer
  const replayedOk = replays.replay_succeeded
  const replayedNotOk = replays.replayed + replays.replay_failed
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
      {counts.deadLettered > 0 ? (
        <div className="tiles tiles-3" aria-label="What became of the dead letters">
          <Tile
            label="Waiting for replay"
            value={formatCount(replays.waiting)}
            note={
              replays.oldestWaitingAt
                ? `oldest dead-lettered ${formatDuration(millisBetween(replays.oldestWaitingAt, answer.to))} before the window's end`
                : 'no dead letter left behind'
            }
            alarm={replays.waiting > 0}
          />
          <Tile label="Replayed and processed" value={formatCount(replayedOk)} note="a replay's message was processed" />
          <Tile
            label="Replayed, not through"
            value={formatCount(replayedNotOk)}
            note={`${formatCount(replays.replay_failed)} failed again, ${formatCount(replays.replayed)} not processed yet`}
            alarm={replays.replay_failed > 0}
          />
        </div>
      ) : null}
      <MessageTable messages={answer.messages} />
    </>
  )
}

/** Problem deliveries, newest first: the first dozen, all on request. */
export function MessageTable({ messages: problems }: { readonly messages: readonly EstateMessage[] }) {
  const [all, setAll] = useState(false)
  const messages = all ? problems : problems.slice(0, FIRST_ROWS)
  return (
    <>
      {messages.length === 0 ? (
        <p className="muted">No failed, retried or dead-lettered deliveries in this window.</p>
      ) : (
        <table className="data-table">
          <caption>
            Newest {formatCount(messages.length)} of the {formatCount(problems.length)} latest problem deliveries{' '}
            {problems.length > FIRST_ROWS ? (
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
              <th scope="col">Replay</th>
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
                <td>{m.replay ? <ReplayOutcome replay={m.replay} /> : null}</td>
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
