/** Links between spans (a consumer to its producer, a producer to its consumers), each opening the other span. */
import type { ApiSpanRef } from '../../core/index.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'
import { AttributeTable } from './AttributeTable.tsx'

/** Props of a span link list. */
export interface SpanRefListProps {
  readonly refs: readonly ApiSpanRef[]
  /** The trace on screen, so a link within it says so. */
  readonly currentTraceId: string
  readonly empty: string
}

/** A list of span references, each linking to `/traces/{traceId}#span-{spanId}`. */
export function SpanRefList({ refs, currentTraceId, empty }: SpanRefListProps) {
  if (refs.length === 0) return <p className="muted">{empty}</p>
  return (
    <ul className="ref-list">
      {refs.map((ref) => (
        <li key={`${ref.traceId}:${ref.spanId}`}>
          <Link to={traceHref(ref.traceId, ref.spanId)}>
            span <span className="mono">{ref.spanId}</span>{' '}
            {ref.traceId === currentTraceId ? (
              'in this trace'
            ) : (
              <>
                in trace <span className="mono">{ref.traceId.slice(0, 16)}…</span>
              </>
            )}
          </Link>
          {Object.keys(ref.attributes).length > 0 ? <AttributeTable attributes={ref.attributes} /> : null}
        </li>
      ))}
    </ul>
  )
}
