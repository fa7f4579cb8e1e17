/**
 * `/journeys/{type}/{key}`: one journey stitched across systems, traces and linked keys: its
 * stages against their SLAs, what is late or missing, its problems, linked journeys and traces.
 * A key with no journey yet falls back to the spans and traces that carry it.
 */
import type { JourneyResponse } from '../../core/index.ts'
import { journeyPath } from '../api/journeyPaths.ts'
import { usePolling } from '../api/usePolling.ts'
import { KeySearchResults } from '../components/KeySearchResults.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PollView } from '../components/PollView.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { JourneyFacts } from '../journeys/JourneyFacts.tsx'
import { JourneyTraces, LinkedJourneys, LinkedKeys } from '../journeys/JourneyLinks.tsx'
import { JourneyProblems } from '../journeys/JourneyProblems.tsx'
import { JourneyTimeline } from '../journeys/JourneyTimeline.tsx'
import { rootKeyOf } from '../journeys/journeyTypes.ts'
import { useJourneyTypes } from '../journeys/useJourneyTypes.ts'
import { StageChart } from '../journeys/StageChart.tsx'
import { Link } from '../router/Link.tsx'

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** One journey by type and root key. */
export function JourneyPage({ type, journeyKey }: { readonly type: string; readonly journeyKey: string }) {
  useDocumentTitle(`${type} ${journeyKey} · Journeys`)
  const poll = usePolling<JourneyResponse>(journeyPath(type, journeyKey))
  const rootKey = rootKeyOf(useJourneyTypes(), type)
  const notFound = (
    <>
      <EmptyState title={`No stage of ${type} ${journeyKey} has been seen yet.`}>
        <p>
          It may not have started, its spans may not have arrived yet (this page keeps checking), or it is older than the retention period.{' '}
          <Link to="/journeys">Search by business key</Link>.
        </p>
      </EmptyState>
      {rootKey ? <KeySearchResults keyName={rootKey} value={journeyKey} /> : null}
    </>
  )
  return (
    <>
      <PageHeading
        title={
          <>
            {capitalise(type)} <span className="mono">{journeyKey}</span>
          </>
        }
        subtitle="One business transaction across systems, traces and linked keys."
        aside={<LiveStatus poll={poll} />}
      />
      <PollView poll={poll} what="the journey" notFound={notFound}>
        {(journey) => {
          const nowMs = poll.updatedAt?.getTime() ?? Date.parse(journey.lastActivityAt)
          return (
            <>
              <section className="card" aria-label="Summary">
                <JourneyFacts journey={journey} nowMs={nowMs} />
              </section>
              <section className="card" aria-labelledby="stages-title">
                <h2 id="stages-title">Stages and SLAs</h2>
                <StageChart journey={journey} nowMs={nowMs} />
              </section>
              <div className="columns">
                <section className="card" aria-labelledby="linked-title">
                  <h2 id="linked-title">Linked journeys and keys</h2>
                  <LinkedJourneys journey={journey} />
                  <LinkedKeys journey={journey} />
                </section>
                <section className="card" aria-labelledby="traces-title">
                  <h2 id="traces-title">Traces</h2>
                  <JourneyTraces journey={journey} />
                  {journey.truncated.keys || journey.truncated.spans ? (
                    <p className="muted">Some keys or spans were left out to keep this answer bounded.</p>
                  ) : null}
                </section>
              </div>
              <section className="card" aria-labelledby="problems-title">
                <h2 id="problems-title">Problems</h2>
                <JourneyProblems problems={journey.problems} />
              </section>
              <section className="card" aria-labelledby="timeline-title">
                <h2 id="timeline-title">Timeline</h2>
                <JourneyTimeline journey={journey} />
              </section>
            </>
          )
        }}
      </PollView>
    </>
  )
}
