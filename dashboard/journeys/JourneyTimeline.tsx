/** Everything that happened to a journey and its linked journeys, in order: stages reached and problems, each a link to its span. */
import { EvidenceLink } from './EvidenceLink.tsx'
import type { JourneyResponse, JourneyTimelineEntry } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { Link } from '../router/Link.tsx'
import { journeyHref } from '../router/hrefs.ts'

const KIND_BADGES: Readonly<Record<JourneyTimelineEntry['kind'], string>> = {
  stage: 'stage-reached',
  error: 'problem-failed',
  retry: 'problem-retried',
  dead_letter: 'problem-dead_letter',
  replay: 'replay',
  duplicate: 'problem-duplicate',
}

/** The timeline table, oldest first. */
export function JourneyTimeline({ journey }: { readonly journey: JourneyResponse }) {
  const entries = [...journey.timeline].sort((a, b) => a.at.localeCompare(b.at))
  if (entries.length === 0) return <p className="muted">Nothing on the timeline yet.</p>
  return (
    <table className="data-table">
      <caption>Timeline across systems and traces ({entries.length} entries)</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Journey</th>
          <th scope="col">System and span</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, i) => {
          const own = entry.journey.type === journey.type && entry.journey.key === journey.key
          return (
            <tr
              key={`${entry.ref.spanId}-${entry.kind}-${i}`}
              className={entry.kind === 'stage' || entry.kind === 'retry' || entry.kind === 'replay' ? undefined : 'row-error'}
            >
              <td>
                <Timestamp iso={entry.at} />
              </td>
              <td>
                <span className={`badge badge-${KIND_BADGES[entry.kind]}`}>
                  {entry.kind === 'stage' ? 'stage' : entry.kind.replace('_', ' ')}
                </span>{' '}
                {entry.stage ? <span className="mono">{entry.stage}</span> : <span className="why">{entry.message}</span>}
                {entry.kind === 'duplicate' ? <span className="why"> {entry.message}</span> : null}
                {entry.ref.log ? (
                  <>
                    {' '}
                    <span className="badge badge-log" title="Evidence from a log record">
                      log
                    </span>
                    {entry.stage && entry.message ? <span className="why"> {entry.message}</span> : null}
                  </>
                ) : null}
              </td>
              <td className="nowrap">
                {own ? (
                  <span className="muted">this {journey.type}</span>
                ) : (
                  <Link to={journeyHref(entry.journey.type, entry.journey.key)}>{`${entry.journey.type} ${entry.journey.key}`}</Link>
                )}
              </td>
              <td>
                <EvidenceLink evidence={entry.ref} />
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
