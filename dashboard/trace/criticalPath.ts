/**
 * A trace's critical path: the spans whose time the trace's end waited on, found as Jaeger does.
 * From a span's end, walk back through its children by end time: the child that ended last before
 * the cursor is on the path, its own path is taken, and the cursor moves to its start; children
 * that ended after the cursor ran in parallel with one already taken. Shortening a span on the
 * path shortens the trace; shortening any other does not.
 */
import type { ApiSpan } from '../../core/index.ts'
import { millisToNanos, parseNanos } from './nanos.ts'

/** The fields the critical path needs. */
export type PathSpan = Pick<ApiSpan, 'spanId' | 'parentSpanId' | 'startTimeUnixNano' | 'durationMs'>

interface Timed {
  readonly span: PathSpan
  readonly start: bigint
  readonly end: bigint
}

/** The ids of the spans on the critical path of every root of the trace. */
export function criticalPath(spans: readonly PathSpan[]): Set<string> {
  const timed = spans.map((span): Timed => {
    const start = parseNanos(span.startTimeUnixNano)
    return { span, start, end: start + millisToNanos(span.durationMs) }
  })
  const ids = new Set(spans.map((span) => span.spanId))
  const children = new Map<string, Timed[]>()
  for (const t of timed) {
    const parent = t.span.parentSpanId
    if (parent && ids.has(parent)) children.set(parent, [...(children.get(parent) ?? []), t])
  }
  const onPath = new Set<string>()
  // Iterative, so a trace 10,000 spans deep cannot overflow the stack.
  const pending: Timed[] = timed.filter((t) => !t.span.parentSpanId || !ids.has(t.span.parentSpanId))
  while (pending.length > 0) {
    const current = pending.pop()!
    onPath.add(current.span.spanId)
    const byEnd = [...(children.get(current.span.spanId) ?? [])].sort((a, b) => (a.end === b.end ? 0 : a.end > b.end ? -1 : 1))
    let cursor = current.end
    for (const child of byEnd) {
      if (child.end > cursor) continue
      pending.push(child)
      cursor = child.start
    }
  }
  return onPath
}
