/** What a journey is stitched to: linked journeys (an order's returns and settlement), the keys that tie them, and its traces. */
import type { JourneyResponse } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { shortKeyName } from '../format/keys.ts'
import { Link } from '../router/Link.tsx'
import { journeyHref, searchHref, traceHref } from '../router/hrefs.ts'
import { statusLabel } from './statuses.ts'

/** Linked journeys with their status and progress. */
export function LinkedJourneys({ journey }: { readonly journey: JourneyResponse }) {
  if (journey.linkedJourneys.length === 0) return <p className="muted">No linked journeys (returns, settlements) yet.</p>
  return (
    <table className="data-table">
      <caption>Linked journeys</caption>
      <thead>
        <tr>
          <th scope="col">Journey</th>
          <th scope="col">Status</th>
          <th scope="col">Current stage</th>
          <th scope="col">Progress</th>
        </tr>
      </thead>
      <tbody>
        {journey.linkedJourneys.map((linked) => (
          <tr key={`${linked.type}/${linked.key}`}>
            <th scope="row">
              <Link to={journeyHref(linked.type, linked.key)}>
                {linked.type} {linked.key}
              </Link>
            </th>
            <td>
              <span className={`badge badge-journey-${linked.status}`}>{statusLabel(linked.status)}</span>
            </td>
            <td className="mono">{linked.currentStage ?? '–'}</td>
            <td className="nowrap">
              <span className="progress" aria-hidden="true">
                <span style={{ width: `${(100 * linked.stagesReached) / Math.max(linked.stageCount, 1)}%` }} />
              </span>
              {linked.stagesReached} of {linked.stageCount}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The business keys stitched into the journey, and the ones left out. */
export function LinkedKeys({ journey }: { readonly journey: JourneyResponse }) {
  return (
    <>
      {journey.linkedKeys.length === 0 ? (
        <p className="muted">No other business keys are linked to {journey.key} yet.</p>
      ) : (
        <table className="data-table">
          <caption>Linked keys</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Via</th>
              <th scope="col">First seen</th>
            </tr>
          </thead>
          <tbody>
            {journey.linkedKeys.map((k) => (
              <tr key={`${k.key}\u0000${k.value}`}>
                <td className="nowrap">
                  <span className="muted">{shortKeyName(k.key)}</span> <Link to={searchHref(k.key, k.value)}>{k.value}</Link>
                </td>
                <td className="nowrap">
                  {shortKeyName(k.via.key)} {k.via.value}
                </td>
                <td>
                  <Timestamp iso={k.firstSeen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {journey.skippedKeys.length > 0 ? (
        <p className="muted">Left out: {journey.skippedKeys.map((k) => `${shortKeyName(k.key)} ${k.value} (${k.reason})`).join('; ')}.</p>
      ) : null}
    </>
  )
}

/** The journey's traces, oldest first, each linking to its waterfall. */
export function JourneyTraces({ journey }: { readonly journey: JourneyResponse }) {
  const traces = [...journey.traces].sort((a, b) => a.startTime.localeCompare(b.startTime))
  return (
    <table className="data-table">
      <caption>
        Traces ({traces.length}){journey.truncated.traces ? ', cut at the bound' : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Start</th>
          <th scope="col">Trace</th>
          <th scope="col">Found through</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((trace) => (
          <tr key={trace.traceId}>
            <td>
              <Timestamp iso={trace.startTime} />
            </td>
            <td>
              <Link to={traceHref(trace.traceId)} className="mono" title={trace.traceId}>
                {trace.traceId.slice(0, 16)}…
              </Link>
            </td>
            <td>{trace.via === 'key' ? 'a business key' : 'a span link (queue hop)'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
