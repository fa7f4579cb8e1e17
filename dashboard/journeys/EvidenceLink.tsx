/** Where a journey's evidence came from, as a link to its span, or plain text for a log line that had no trace. */
import type { JourneySpanRef } from '../../core/index.ts'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'

/** `system: span`, linking to the span in its trace when there is one. */
export function EvidenceLink({ evidence, label }: { readonly evidence: JourneySpanRef; readonly label?: string }) {
  const text = label ?? `${evidence.system || evidence.service}: ${evidence.span}`
  if (evidence.traceId === '') return <span title="A log line with no trace">{text}</span>
  return (
    <Link to={traceHref(evidence.traceId, evidence.spanId)} title={`Trace ${evidence.traceId}`}>
      {text}
    </Link>
  )
}
