/** Everything about one span: timing, status, business keys, links, events, logs, attributes and resource. */
import type { ApiLog, ApiSpan } from '../../core/index.ts'
import { LogList } from '../logs/LogList.tsx'
import { formatDuration } from '../format/duration.ts'
import { Link } from '../router/Link.tsx'
import { searchHref, spanHash } from '../router/hrefs.ts'
import { AttributeTable } from './AttributeTable.tsx'
import { SpanRefList } from './SpanRefList.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import { Timestamp } from './Timestamp.tsx'

/** Props of the span detail panel. */
export interface SpanDetailsProps {
  readonly span: ApiSpan
  /** Whether the span's parent is in the trace, so it can be linked. */
  readonly parentInTrace: boolean
  /** The log records written in this span. */
  readonly logs: readonly ApiLog[]
}

/** The detail panel for the selected span. */
export function SpanDetails({ span, parentInTrace, logs }: SpanDetailsProps) {
  return (
    <article className="span-details" aria-label={`Span ${span.name}`}>
      <h2>{span.name}</h2>
      <p className="span-details-sub">
        {span.service}
        {span.system ? ` · ${span.system}` : ''} · {span.kind} <StatusBadge status={span.statusCode} />
      </p>
      {span.statusMessage ? <p className={span.statusCode === 'error' ? 'error-text' : 'muted'}>{span.statusMessage}</p> : null}
      <dl className="facts">
        <dt>Start</dt>
        <dd>
          <Timestamp iso={span.startTime} />
        </dd>
        <dt>Duration</dt>
        <dd>{formatDuration(span.durationMs)}</dd>
        {span.stage ? (
          <>
            <dt>Stage</dt>
            <dd>
              <span className="stage">{span.stage}</span>
            </dd>
          </>
        ) : null}
        <dt>Span id</dt>
        <dd className="mono">{span.spanId}</dd>
        <dt>Parent</dt>
        <dd className="mono">
          {span.parentSpanId === '' ? (
            <span className="muted">none (root)</span>
          ) : parentInTrace ? (
            <Link to={spanHash(span.parentSpanId)}>{span.parentSpanId}</Link>
          ) : (
            `${span.parentSpanId} (not in this trace)`
          )}
        </dd>
      </dl>

      <h3>Business keys</h3>
      <AttributeTable
        attributes={span.businessKeys}
        empty="This span carries no business key."
        renderValue={(key, value) => <Link to={searchHref(key, value)}>{value}</Link>}
      />

      <h3>Links to</h3>
      <SpanRefList refs={span.links} currentTraceId={span.traceId} empty="No links (a queue consumer links to its producer)." />

      <h3>Linked from</h3>
      <SpanRefList refs={span.linkedFrom} currentTraceId={span.traceId} empty="No span links to this one." />

      <h3>Events ({span.events.length})</h3>
      {span.events.length === 0 ? (
        <p className="muted">No events.</p>
      ) : (
        <ol className="events">
          {span.events.map((event, i) => (
            <li key={`${event.time}:${i}`} className={event.name === 'exception' ? 'event-exception' : undefined}>
              <div>
                <strong>{event.name}</strong> <Timestamp iso={event.time} />
              </div>
              <AttributeTable attributes={event.attributes} empty="No attributes." />
            </li>
          ))}
        </ol>
      )}

      <h3>Logs ({logs.length})</h3>
      <LogList
        logs={logs}
        caption={`Log records written in ${span.name}`}
        showSource={false}
        empty="No log records were written in this span."
      />

      <h3>Attributes</h3>
      <AttributeTable attributes={span.attributes} empty="No attributes." />

      <h3>Resource</h3>
      <AttributeTable attributes={span.resource} empty="No resource attributes." />
    </article>
  )
}
