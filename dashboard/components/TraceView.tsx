/** One trace on screen: a summary line (with a JSON download, and a mark when the trace was cut), the service legend, the waterfall and the selected span's details. */
import type { ApiLog, TraceResponse } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { assignServiceColors } from '../trace/serviceColors.ts'
import { traceBounds } from '../trace/timeline.ts'
import { SpanDetails } from './SpanDetails.tsx'
import { Timestamp } from './Timestamp.tsx'
import { Waterfall } from './Waterfall.tsx'
import { downloadFile } from '../export/download.ts'

/** Props of a trace view. */
export interface TraceViewProps {
  readonly trace: TraceResponse
  /** The trace's log records; each shows with the span it was written in. */
  readonly logs: readonly ApiLog[]
  readonly selectedSpanId: string | undefined
  readonly onSelect: (spanId: string) => void
}

/** The waterfall of a trace beside the details of the selected span. */
export function TraceView({ trace, logs, selectedSpanId, onSelect }: TraceViewProps) {
  const colors = assignServiceColors(trace.spans.map((s) => s.service))
  const errors = trace.spans.filter((s) => s.statusCode === 'error').length
  const first = [...trace.spans].sort((a, b) => a.startTime.localeCompare(b.startTime))[0]
  const selected = trace.spans.find((s) => s.spanId === selectedSpanId)
  const ids = new Set(trace.spans.map((s) => s.spanId))
  return (
    <>
      <p className="trace-summary">
        {first ? (
          <>
            Started <Timestamp iso={first.startTime} /> ·{' '}
          </>
        ) : null}
        {formatDuration(traceBounds(trace.spans).durationMs)} · {plural(trace.spans.length, 'span')} · {plural(colors.size, 'service')} ·{' '}
        <span className={errors > 0 ? 'error-text' : undefined}>{plural(errors, 'error')}</span>
        {logs.length > 0 ? ` · ${plural(logs.length, 'log record')}` : ''} ·{' '}
        <button type="button" className="link-button" onClick={() => downloadJson(trace, logs)}>
          Download JSON
        </button>
      </p>
      {trace.truncated ? (
        <p className="notice" role="note">
          This trace has more than {plural(trace.spans.length, 'span')}: the first {formatCount(trace.spans.length)} by start time are
          shown, and the rest are left out.
        </p>
      ) : null}
      <ul className="legend" aria-label="Services">
        {[...colors].map(([service, color]) => (
          <li key={service}>
            <span className="wf-swatch" style={{ background: color }} aria-hidden="true" /> {service}
          </li>
        ))}
      </ul>
      <div className="trace-layout">
        <section className="card trace-waterfall" aria-label="Waterfall">
          <Waterfall spans={trace.spans} colors={colors} selectedSpanId={selectedSpanId} onSelect={onSelect} />
        </section>
        <aside className="card trace-details">
          {selected ? (
            <SpanDetails
              span={selected}
              parentInTrace={ids.has(selected.parentSpanId)}
              logs={logs.filter((log) => log.spanId === selected.spanId)}
            />
          ) : (
            <p className="muted">
              {selectedSpanId ? `Span ${selectedSpanId} is not in this trace (yet). ` : ''}Select a span to see its attributes, business
              keys, events, links and logs.
            </p>
          )}
        </aside>
      </div>
    </>
  )
}

/** The trace as the API gave it, with its log records, as a file. */
function downloadJson(trace: TraceResponse, logs: readonly ApiLog[]): void {
  downloadFile(`trace-${trace.traceId}.json`, JSON.stringify({ ...trace, logs }, null, 2), 'application/json')
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`
}
