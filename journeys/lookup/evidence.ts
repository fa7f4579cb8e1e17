/**
 * What the store found for a journey, in the core's terms: spans with their recognised stage,
 * turned into stage hits, problems on the path and the stores a journey targeted. Pure.
 */
import type { Attributes } from '../../core/index.ts'
import type { JourneyDefinition } from '../model/model.ts'
import { duplicatePostings } from './duplicates.ts'

/** A span as journey evaluation sees it. */
export interface JourneySpan {
  readonly traceId: string
  readonly spanId: string
  readonly service: string
  readonly system: string
  readonly name: string
  readonly kind: string
  readonly timeMs: number
  readonly statusCode: string
  readonly statusMessage: string
  /** The stage it marks (`retail.journey.stage` or a match rule), empty for none. */
  readonly stage: string
  readonly store: string
  readonly businessKeys: Attributes
  readonly deadLetter: boolean
  readonly retries: number
  /** Its trace was found only through a span link (a queue hop), not through a key. */
  readonly viaLink: boolean
}

/** A span that marked a stage of the journey. */
export interface StageHit {
  readonly stage: string
  readonly timeMs: number
  readonly span: JourneySpan
  /** An error status or a dead letter: the stage was attempted, not reached. */
  readonly failed: boolean
}

/** An error, retry or dead letter on the journey's path, or a once-only stage reached by a second document. */
export interface PathProblem {
  readonly kind: 'error' | 'dead_letter' | 'retry' | 'duplicate'
  readonly timeMs: number
  readonly span: JourneySpan
  /** For a duplicate: the stage, and the first posting the span repeated. */
  readonly duplicate?: { readonly stage: string; readonly first: JourneySpan }
}

/** Everything the evaluation of one journey needs besides the definition and the time. */
export interface JourneyEvidence {
  readonly hits: readonly StageHit[]
  readonly problems: readonly PathProblem[]
  /** Stores named by the journey's messages toward stores (producer spans) and dead letters. */
  readonly targetStores: readonly string[]
}

/**
 * Whether a span belongs to the journey: it carries the root key with this value, or it carries
 * no root key and either marks one of the journey's stages or sits, keyless, in a trace reached
 * through a queue hop. A span with another value of the root key is another journey's.
 */
function belongsToJourney(definition: JourneyDefinition, stages: ReadonlySet<string>, rootValue: string, span: JourneySpan): boolean {
  const own = span.businessKeys[definition.rootKey]
  if (own !== undefined) return own === rootValue
  if (stages.has(span.stage)) return true
  return span.viaLink && Object.keys(span.businessKeys).length === 0
}

/** A span the journey-state view keeps without a stage: a message toward a store, or a dead letter. */
function isSignalSpan(span: JourneySpan): boolean {
  return span.stage === '' && (span.deadLetter || (span.kind === 'producer' && span.store !== ''))
}

/** The evidence for one journey among the spans found for it. */
export function journeyEvidence(definition: JourneyDefinition, rootValue: string, spans: readonly JourneySpan[]): JourneyEvidence {
  const stages = new Set(definition.stages.map((stage) => stage.name))
  const hits: StageHit[] = []
  const problems: PathProblem[] = []
  const targetStores = new Set<string>()
  for (const span of spans) {
    if (!belongsToJourney(definition, stages, rootValue, span)) continue
    if (stages.has(span.stage))
      hits.push({ stage: span.stage, timeMs: span.timeMs, span, failed: span.statusCode === 'error' || span.deadLetter })
    else if (span.stage !== '') continue // another journey's stage on a shared span
    if (isSignalSpan(span) && span.store !== '') targetStores.add(span.store)
    if (span.deadLetter) problems.push({ kind: 'dead_letter', timeMs: span.timeMs, span })
    else if (span.statusCode === 'error') problems.push({ kind: 'error', timeMs: span.timeMs, span })
    if (span.retries > 0) problems.push({ kind: 'retry', timeMs: span.timeMs, span })
  }
  const byTime = <T extends { timeMs: number; span: JourneySpan }>(a: T, b: T): number =>
    a.timeMs - b.timeMs || a.span.spanId.localeCompare(b.span.spanId)
  hits.sort(byTime)
  for (const { stage, first, again } of duplicatePostings(definition, hits))
    problems.push({ kind: 'duplicate', timeMs: again.timeMs, span: again.span, duplicate: { stage, first: first.span } })
  return { hits, problems: problems.sort(byTime), targetStores: [...targetStores].sort() }
}
