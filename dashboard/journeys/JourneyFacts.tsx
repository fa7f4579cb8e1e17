/** The headline facts of one journey: where it is, who holds it, since when. */
import type { JourneyResponse } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatDuration } from '../format/duration.ts'
import { statusLabel } from './statuses.ts'

/** A definition list of a journey's status, current stage, holder, branch and times. */
export function JourneyFacts({ journey, nowMs }: { readonly journey: JourneyResponse; readonly nowMs: number }) {
  const reached = journey.stages.filter((s) => s.reached).length
  const applicable = journey.stages.filter((s) => s.state !== 'not_taken').length
  return (
    <dl className="journey-facts">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`badge badge-journey-${journey.status}`}>{statusLabel(journey.status)}</span>
          {journey.late && journey.status !== 'late' ? <span className="badge badge-journey-late"> a stage was late</span> : null}
        </dd>
      </div>
      <div>
        <dt>Current stage</dt>
        <dd className="mono">{journey.currentStage ?? 'none yet'}</dd>
      </div>
      <div>
        <dt>Held by</dt>
        <dd>{journey.currentSystem ?? <span className="muted">unknown</span>}</dd>
      </div>
      <div>
        <dt>Stages reached</dt>
        <dd>
          {reached} of {applicable}
          {journey.branch ? <span className="muted"> ({journey.branch} branch)</span> : null}
        </dd>
      </div>
      <div>
        <dt>Started</dt>
        <dd>
          <Timestamp iso={journey.startedAt} />
        </dd>
      </div>
      <div>
        <dt>Last activity</dt>
        <dd>
          <Timestamp iso={journey.lastActivityAt} />{' '}
          <span className="muted">({formatDuration(nowMs - Date.parse(journey.lastActivityAt))} ago)</span>
        </dd>
      </div>
    </dl>
  )
}
