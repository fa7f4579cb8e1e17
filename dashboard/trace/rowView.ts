/**
 * What of a waterfall shows: rows under a collapsed span are hidden, and a find marks the spans
 * whose name, service, status message or attribute values hold the text. Pure, over the rows of
 * ./spanTree.ts, so a 10,000-span trace costs one pass each.
 */
import type { ApiSpan } from '../../core/index.ts'
import type { SpanRow, TreeSpan } from './spanTree.ts'

/** The rows not inside a collapsed subtree, in order. */
export function visibleRows<S extends TreeSpan>(rows: readonly SpanRow<S>[], collapsed: ReadonlySet<string>): SpanRow<S>[] {
  const shown: SpanRow<S>[] = []
  // Rows are depth-first: a collapsed row hides every following row deeper than it.
  let hiddenBelow: number | undefined
  for (const row of rows) {
    if (hiddenBelow !== undefined && row.depth > hiddenBelow) continue
    hiddenBelow = collapsed.has(row.span.spanId) ? row.depth : undefined
    shown.push(row)
  }
  return shown
}

/** The fields a find looks in. */
export type FindableSpan = Pick<ApiSpan, 'spanId' | 'name' | 'service' | 'statusMessage' | 'attributes' | 'businessKeys'>

/** The ids of the spans that hold `text` (case-insensitive); empty for blank text. */
export function findSpans(spans: readonly FindableSpan[], text: string): Set<string> {
  const needle = text.trim().toLowerCase()
  const found = new Set<string>()
  if (needle === '') return found
  for (const span of spans) {
    const haystack = [span.name, span.service, span.statusMessage, ...Object.values(span.attributes), ...Object.values(span.businessKeys)]
    if (haystack.some((value) => value.toLowerCase().includes(needle))) found.add(span.spanId)
  }
  return found
}

/** The spans to expand so that every found span shows: the ancestors of each, by parent id. */
export function ancestorsOf(spans: readonly TreeSpan[], ids: ReadonlySet<string>): Set<string> {
  const parentOf = new Map(spans.map((span) => [span.spanId, span.parentSpanId]))
  const ancestors = new Set<string>()
  for (const id of ids) {
    let parent = parentOf.get(id)
    while (parent !== undefined && parent !== '' && !ancestors.has(parent) && parentOf.has(parent)) {
      ancestors.add(parent)
      parent = parentOf.get(parent)
    }
  }
  return ancestors
}
