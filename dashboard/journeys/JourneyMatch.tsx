/** The journey a searched key is the root of, if there is one: its status and where it is, with a link to it. */
import type { JourneyResponse } from '../../core/index.ts'
import { journeyPath } from '../api/journeyPaths.ts'
import { usePolling } from '../api/usePolling.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'
import { statusLabel } from './statuses.ts'

/** A card for the `type` journey keyed `value`; nothing while there is none. */
export function JourneyMatch({ type, value }: { readonly type: string; readonly value: string }) {
  const poll = usePolling<JourneyResponse>(journeyPath(type, value))
  const journey = poll.data
  if (journey === undefined) return null
  return (
    <section className="card match-card" aria-label={`${type} journey ${value}`}>
      <div>
        <Link to={journeyHref(type, value)}>
          <strong>
            {type} journey {value}
          </strong>
        </Link>{' '}
        <span className={`badge badge-journey-${journey.status}`}>{statusLabel(journey.status)}</span>
      </div>
      <div>
        at <span className="mono">{journey.currentStage ?? 'no stage yet'}</span>
        {journey.currentSystem ? <> in {journey.currentSystem}</> : null}
      </div>
      <div className="muted">
        started <Timestamp iso={journey.startedAt} />
        {journey.problems.length > 0 ? <span className="error-text"> · {journey.problems.length} problems</span> : null}
        {journey.linkedJourneys.length > 0 ? <> · {journey.linkedJourneys.length} linked journeys</> : null}
      </div>
      <Link to={journeyHref(type, value)}>Open the journey →</Link>
    </section>
  )
}
