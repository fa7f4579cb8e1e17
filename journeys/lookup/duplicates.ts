/**
 * Once-only stages reached twice: an order created twice in the ERP, a sale posted twice, a
 * refund paid twice. Each is a healthy-looking journey in any one trace; only across the
 * journey's evidence does the second document show. What a stage produced is known by its ERP
 * document, else its payment (a refund's), else, when the span names neither, its trace: a retry
 * that the next system deduplicated carries the same document and does not count, and failed
 * attempts never do. Pure.
 */
import { BusinessKey } from '@throughline/sdk/conventions'
import type { JourneyDefinition } from '../model/model.ts'
import type { JourneySpan, StageHit } from './evidence.ts'

/** What a once-only stage's span produced, as a person names it: `ERP document 4711`. */
export function postingOf(span: JourneySpan): string {
  const document = span.businessKeys[BusinessKey.erpDocument]
  if (document !== undefined && document !== '') return `ERP document ${document}`
  const payment = span.businessKeys[BusinessKey.payment]
  if (payment !== undefined && payment !== '') return `payment ${payment}`
  return span.traceId === '' ? `log record ${span.spanId}` : `trace ${span.traceId}`
}

/** A once-only stage reached by a second document: the first posting and the one that repeated it. */
export interface DuplicatePosting {
  readonly stage: string
  /** The store, for a once-per-store stage; empty otherwise. */
  readonly store: string
  readonly first: StageHit
  readonly again: StageHit
}

/** Every posting after the first of each once-only stage (per store where the stage is per store), oldest first. */
export function duplicatePostings(definition: JourneyDefinition, hits: readonly StageHit[]): DuplicatePosting[] {
  const once = new Map(definition.stages.filter((stage) => stage.once).map((stage) => [stage.name, stage.perStore === true]))
  const firsts = new Map<string, { hit: StageHit; postings: Set<string> }>()
  const duplicates: DuplicatePosting[] = []
  for (const hit of hits) {
    const perStore = once.get(hit.stage)
    if (perStore === undefined || hit.failed) continue
    const store = perStore ? hit.span.store : ''
    const group = `${hit.stage}\u0000${store}`
    const posting = postingOf(hit.span)
    const seen = firsts.get(group)
    if (seen === undefined) firsts.set(group, { hit, postings: new Set([posting]) })
    else if (!seen.postings.has(posting)) {
      seen.postings.add(posting)
      duplicates.push({ stage: hit.stage, store, first: seen.hit, again: hit })
    }
  }
  return duplicates
}
