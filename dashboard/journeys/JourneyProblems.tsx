/** Errors, retries, dead letters and duplicate postings on a journey's path, each linking to its span. */
import { EvidenceLink } from './EvidenceLink.tsx'
import type { JourneyProblem } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { ReplayOutcome } from '../components/ReplayOutcome.tsx'

const KIND_LABELS: Readonly<Record<JourneyProblem['kind'], { readonly label: string; readonly badge: string }>> = {
  error: { label: 'error', badge: 'problem-failed' },
  retry: { label: 'retry', badge: 'problem-retried' },
  dead_letter: { label: 'dead-lettered', badge: 'problem-dead_letter' },
  duplicate: { label: 'duplicate', badge: 'problem-duplicate' },
}

/** A table of a journey's problems, oldest first. */
export function JourneyProblems({ problems }: { readonly problems: readonly JourneyProblem[] }) {
  if (problems.length === 0) return <p className="muted">No errors, retries, dead letters or duplicate postings on this journey’s path.</p>
  return (
    <table className="data-table">
      <caption>Errors, retries and dead letters ({problems.length})</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Where</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p, i) => (
          <tr key={`${p.ref.spanId}-${p.kind}-${i}`} className={p.kind === 'retry' ? undefined : 'row-error'}>
            <td>
              <Timestamp iso={p.at} />
            </td>
            <td>
              <span className={`badge badge-${KIND_LABELS[p.kind].badge}`}>{KIND_LABELS[p.kind].label}</span>
            </td>
            <td>
              <EvidenceLink evidence={p.ref} label={`${p.ref.service}: ${p.ref.span}`} />
            </td>
            <td className="why">
              {p.message}
              {p.replay ? (
                <div>
                  <ReplayOutcome replay={p.replay} />
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
