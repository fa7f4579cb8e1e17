/**
 * The waterfall's order: spans as a tree by parentSpanId, flattened depth-first with siblings
 * by start time. A span whose parent is not in the trace (not arrived yet, or sampled away)
 * becomes a root marked as an orphan rather than disappearing.
 */
import type { ApiSpan } from '../../core/index.ts'
import { parseNanos } from './nanos.ts'

/** The fields the tree needs from a span. */
export type TreeSpan = Pick<ApiSpan, 'spanId' | 'parentSpanId' | 'startTimeUnixNano'>

/** One row of the waterfall: a span at its depth in the tree. */
export interface SpanRow<S extends TreeSpan> {
  readonly span: S
  readonly depth: number
  /** The span names a parent that is not in this trace. */
  readonly orphan: boolean
  readonly childCount: number
}

/** The spans of one trace as waterfall rows: parents before children, siblings by start time. */
export function buildSpanTree<S extends TreeSpan>(spans: readonly S[]): SpanRow<S>[] {
  const ordered = spans
    .map((span, index) => ({ span, index, start: parseNanos(span.startTimeUnixNano) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.index - b.index))
  const ids = new Set(spans.map((s) => s.spanId))
  const children = new Map<string, S[]>()
  const roots: { span: S; orphan: boolean }[] = []
  for (const { span } of ordered) {
    const parent = span.parentSpanId
    if (parent === '' || parent === span.spanId) roots.push({ span, orphan: false })
    else if (!ids.has(parent)) roots.push({ span, orphan: true })
    else children.set(parent, [...(children.get(parent) ?? []), span])
  }

  const rows: SpanRow<S>[] = []
  const visited = new Set<S>()
  const walk = (root: S, orphan: boolean): void => {
    // An explicit stack: real traces can nest deeper than is comfortable for recursion.
    const stack: { span: S; depth: number; orphan: boolean }[] = [{ span: root, depth: 0, orphan }]
    while (stack.length > 0) {
      const next = stack.pop()
      if (!next || visited.has(next.span)) continue
      visited.add(next.span)
      const kids = children.get(next.span.spanId) ?? []
      rows.push({ span: next.span, depth: next.depth, orphan: next.orphan, childCount: kids.length })
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i]
        if (kid) stack.push({ span: kid, depth: next.depth + 1, orphan: false })
      }
    }
  }
  for (const root of roots) walk(root.span, root.orphan)
  // Spans caught in a parent cycle have no root; show them rather than drop them.
  for (const { span } of ordered) if (!visited.has(span)) walk(span, true)
  return rows
}
