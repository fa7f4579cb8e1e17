/**
 * A trace as a waterfall: the span tree on the left, each span's timing bar scaled to the trace on
 * the right. A span with children collapses and expands; a find marks the spans that hold a text
 * and opens the subtrees they are in; errors and the critical path are marked. Only the rows in
 * view are in the page (a 10,000-span trace scrolls as smoothly as a short one).
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { ApiSpan } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { buildSpanTree } from '../trace/spanTree.ts'
import { ancestorsOf, findSpans, visibleRows } from '../trace/rowView.ts'
import { formatCount } from '../format/number.ts'
import { axisTicks, offsetMs, scaleBar, traceBounds } from '../trace/timeline.ts'
import { criticalPath } from '../trace/criticalPath.ts'

/** Props of the waterfall. */
export interface WaterfallProps {
  readonly spans: readonly ApiSpan[]
  readonly colors: ReadonlyMap<string, string>
  readonly selectedSpanId: string | undefined
  readonly onSelect: (spanId: string) => void
}

const INDENT_PX = 14
/** Every row's height, as the stylesheet fixes it (`.wf-item`): the virtualiser places rows by it. */
const ROW_PX = 28

/** The element id of a span's row, matching the `#span-<id>` links. */
function spanRowId(spanId: string): string {
  return `span-${spanId}`
}

/** The waterfall of one trace; clicking a row selects that span. */
export function Waterfall({ spans, colors, selectedSpanId, onSelect }: WaterfallProps) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [find, setFind] = useState('')
  // Once per trace and per find, not on every render: the virtualiser re-renders on each scroll step.
  const { tree, bounds, critical, errors } = useMemo(
    () => ({
      tree: buildSpanTree(spans),
      bounds: traceBounds(spans),
      critical: criticalPath(spans),
      errors: spans.filter((span) => span.statusCode === 'error').length,
    }),
    [spans],
  )
  const { found, opened } = useMemo(() => {
    const matching = findSpans(spans, find)
    return { found: matching, opened: ancestorsOf(spans, matching) }
  }, [spans, find])
  const rows = useMemo(
    () => visibleRows(tree, opened.size === 0 ? collapsed : new Set([...collapsed].filter((id) => !opened.has(id)))),
    [tree, opened, collapsed],
  )
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  })
  const toggle = (spanId: string): void =>
    setCollapsed((previous) => {
      const next = new Set(previous)
      if (!next.delete(spanId)) next.add(spanId)
      return next
    })
  const hasSelectedRow = selectedSpanId !== undefined && spans.some((s) => s.spanId === selectedSpanId)

  // Bring a span selected by a link into view once its row exists.
  const selectedIndex = selectedSpanId === undefined ? -1 : rows.findIndex((row) => row.span.spanId === selectedSpanId)
  useEffect(() => {
    if (hasSelectedRow && selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' })
  }, [hasSelectedRow, selectedIndex, virtualizer])

  return (
    <div className="waterfall">
      <div className="wf-toolbar">
        <input
          type="search"
          value={find}
          onChange={(event) => setFind(event.target.value)}
          placeholder="Find in trace"
          aria-label="Find in trace"
        />
        {find.trim() !== '' ? (
          <span className={found.size === 0 ? 'muted' : undefined} role="status">
            {formatCount(found.size)} {found.size === 1 ? 'span matches' : 'spans match'}
          </span>
        ) : null}
        <button
          type="button"
          className="link-button"
          onClick={() => setCollapsed(new Set(tree.filter((row) => row.childCount > 0 && row.depth > 0).map((row) => row.span.spanId)))}
        >
          Collapse all
        </button>
        <button type="button" className="link-button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <span className="muted wf-counts">
          {formatCount(rows.length)} of {formatCount(spans.length)} {spans.length === 1 ? 'span' : 'spans'} shown
          {errors > 0 ? `, ${formatCount(errors)} in error` : ''}; <span className="wf-critical-key">marked</span>: the critical path (
          {formatCount(critical.size)})
        </span>
      </div>
      <div className="wf-head" aria-hidden="true">
        <span className="wf-label">Span</span>
        <span className="wf-track">
          {axisTicks(bounds.durationMs).map((tick, i, all) => (
            <span key={tick.pct} className={i === all.length - 1 ? 'wf-tick wf-tick-end' : 'wf-tick'} style={{ left: `${tick.pct}%` }}>
              {formatDuration(tick.ms)}
            </span>
          ))}
        </span>
      </div>
      <div ref={scroller} className="wf-scroll">
        <ol className="wf-rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const { span, depth, orphan, childCount } = rows[item.index]!
            const bar = scaleBar(offsetMs(span, bounds), span.durationMs, bounds.durationMs)
            const error = span.statusCode === 'error'
            const selected = span.spanId === selectedSpanId
            const color = colors.get(span.service) ?? '#888888'
            const labelOutside = bar.leftPct + bar.widthPct < 80
            const folded = collapsed.has(span.spanId) && !opened.has(span.spanId)
            return (
              <li
                key={span.spanId}
                className="wf-item"
                style={{ transform: `translateY(${item.start}px)` }}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
              >
                {childCount > 0 ? (
                  <button
                    type="button"
                    className="wf-toggle"
                    aria-expanded={!folded}
                    aria-label={`${folded ? 'Expand' : 'Collapse'} ${span.name} (${childCount} ${childCount === 1 ? 'child' : 'children'})`}
                    onClick={() => toggle(span.spanId)}
                  >
                    {folded ? '▸' : '▾'}
                  </button>
                ) : (
                  <span className="wf-toggle" aria-hidden="true" />
                )}
                <button
                  type="button"
                  id={spanRowId(span.spanId)}
                  className={`wf-row${selected ? ' wf-selected' : ''}${error ? ' wf-error' : ''}${found.has(span.spanId) ? ' wf-found' : ''}${critical.has(span.spanId) ? ' wf-critical' : ''}`}
                  aria-pressed={selected}
                  onClick={() => onSelect(span.spanId)}
                  title={`${span.service}: ${span.name}${error && span.statusMessage ? ` (error: ${span.statusMessage})` : ''}${critical.has(span.spanId) ? ' · on the critical path' : ''}`}
                >
                  <span className="wf-label" style={{ paddingLeft: `${depth * INDENT_PX}px` }}>
                    <span className="wf-swatch" style={{ background: color }} aria-hidden="true" />
                    {error ? (
                      <span className="wf-error-mark" aria-label="error">
                        ⚠
                      </span>
                    ) : null}
                    <span className="wf-service">{span.service}</span>
                    <span className="wf-name">{span.name}</span>
                    {orphan ? (
                      <span className="wf-orphan" title="Its parent span is not in this trace (not received, or dropped)">
                        parent missing
                      </span>
                    ) : null}
                  </span>
                  <span className="wf-track">
                    <span className="wf-bar" style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%`, background: color }} />
                    <span
                      className="wf-duration"
                      style={labelOutside ? { left: `${bar.leftPct + bar.widthPct}%` } : { right: `${100 - bar.leftPct}%` }}
                    >
                      {formatDuration(span.durationMs)}
                    </span>
                  </span>
                </button>
              </li>
            )
          })}
        </ol>
      </div>
    </div>
  )
}
