/**
 * Everything that happened to a journey and its linked journeys, in order: stages reached and
 * problems, each a link to its span; a run of repeats (`settlement.captured` ×18) is one row until opened.
 */
import { useState } from 'react'
import type { ReactNode } from 'react'
import { EvidenceLink } from './EvidenceLink.tsx'
import { timelineRuns } from './timelineGroups.ts'
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

/** One entry's row; `repeat` is the control of a run of repeats, on its first row. */
function TimelineRow({
  entry,
  journey,
  repeat,
}: {
  readonly entry: JourneyTimelineEntry
  readonly journey: JourneyResponse
  readonly repeat?: ReactNode
}) {
  const own = entry.journey.type === journey.type && entry.journey.key === journey.key
  return (
    <tr className={entry.kind === 'stage' || entry.kind === 'retry' || entry.kind === 'replay' ? undefined : 'row-error'}>
      <td>
        <Timestamp iso={entry.at} />
      </td>
      <td>
        <span className={`badge badge-${KIND_BADGES[entry.kind]}`}>{entry.kind === 'stage' ? 'stage' : entry.kind.replace('_', ' ')}</span>{' '}
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
        {repeat}
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
}

/** The timeline table, oldest first, with consecutive repeats folded into one row that opens. */
export function JourneyTimeline({ journey }: { readonly journey: JourneyResponse }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const entries = [...journey.timeline].sort((a, b) => a.at.localeCompare(b.at))
  if (entries.length === 0) return <p className="muted">Nothing on the timeline yet.</p>
  const runs = timelineRuns(entries)
  const toggle = (run: number): void =>
    setOpen((previous) => {
      const next = new Set(previous)
      if (!next.delete(run)) next.add(run)
      return next
    })
  return (
    <table className="data-table">
      <caption>
        Timeline across systems and traces ({entries.length} entries{runs.length < entries.length ? `, ${runs.length} steps` : ''})
      </caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Journey</th>
          <th scope="col">System and span</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run, i) => {
          const expanded = open.has(i)
          const repeat =
            run.entries.length > 1 ? (
              <>
                {' '}
                <button type="button" className="link-button repeat-count" aria-expanded={expanded} onClick={() => toggle(i)}>
                  {`×${run.entries.length}`}
                </button>
                {expanded ? null : (
                  <span className="cell-note">
                    {' '}
                    until <Timestamp iso={run.entries.at(-1)!.at} />
                  </span>
                )}
              </>
            ) : undefined
          const shown = expanded ? run.entries : [run.first]
          return shown.map((entry, j) => (
            <TimelineRow key={`${i}-${j}-${entry.ref.spanId}`} entry={entry} journey={journey} repeat={j === 0 ? repeat : undefined} />
          ))
        })}
      </tbody>
    </table>
  )
}
