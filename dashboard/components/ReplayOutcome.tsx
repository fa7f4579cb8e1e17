/** What became of a dead letter: still waiting (for how long), or replayed, with a link to the replay and how it went. */
import type { DeadLetterReplay, ReplayState } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'

const STATES: Readonly<Record<ReplayState, { readonly label: string; readonly badge: string }>> = {
  waiting: { label: 'waiting for replay', badge: 'problem-failed' },
  replayed: { label: 'replayed, not processed yet', badge: 'replay' },
  replay_succeeded: { label: 'replayed and processed', badge: 'stage-reached' },
  replay_failed: { label: 'replayed, failed again', badge: 'problem-dead_letter' },
}

/** The outcome as a badge, with the wait or a link to the latest replay. */
export function ReplayOutcome({ replay }: { readonly replay: DeadLetterReplay }) {
  const state = STATES[replay.state]
  return (
    <span className="replay-outcome" data-replay={replay.state}>
      <span className={`badge badge-${state.badge}`}>{state.label}</span>{' '}
      {replay.waitingMs !== undefined ? <span className="cell-note">for {formatDuration(replay.waitingMs)}</span> : null}
      {replay.replay ? (
        <Link to={traceHref(replay.replay.traceId, replay.replay.spanId)} title="Open the replay's send in its trace">
          {replay.replays > 1 ? `latest of ${replay.replays} replays` : 'the replay'}
        </Link>
      ) : null}
    </span>
  )
}
