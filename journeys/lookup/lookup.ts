/**
 * One journey lookup: the reads (closure, traces, spans) and then the pure evaluation of the
 * journey and of the journeys linked to it, as one answer.
 */
import type { JourneyResponse } from '../../core/index.ts'
import { gatherJourney, type GatherContext } from './gathering.ts'
import { toJourneySpan } from '../span-index/span-rows.ts'
import { journeyAnswer, linkedJourneyCandidates, type EvaluatedJourney } from './answer.ts'
import { evaluateJourney } from '../status/evaluate.ts'
import { journeyEvidence, type JourneySpan } from './evidence.ts'
import type { JourneyDefinition } from '../model/model.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { evidenceAmountsQuery } from './lookup-queries.ts'
import { deadLetterReplays } from '../../estate/index.ts'

export type { LookupBounds } from './gathering.ts'

/** What a lookup needs. */
export interface LookupContext extends GatherContext {
  readonly journeys: readonly JourneyDefinition[]
  readonly graphs: ReadonlyMap<string, StageGraph>
}

function evaluated(
  context: LookupContext,
  definition: JourneyDefinition,
  key: string,
  spans: readonly JourneySpan[],
  nowMs: number,
): EvaluatedJourney {
  const evidence = journeyEvidence(definition, key, spans)
  return { definition, key, evidence, evaluation: evaluateJourney(context.graphs.get(definition.type)!, evidence, nowMs) }
}

/** The amounts of the postings in the journey's duplicates, by span id; one read, and none without duplicates. */
async function duplicateAmounts(
  context: LookupContext,
  tenant: string,
  root: EvaluatedJourney,
): Promise<Map<string, { amount: number; currency: string }>> {
  const postings = root.evidence.problems.flatMap((problem) => (problem.duplicate ? [problem.duplicate.first, problem.span] : []))
  const amounts = new Map<string, { amount: number; currency: string }>()
  if (postings.length === 0) return amounts
  const rows = await context.warehouse.rows<{ id: string; amount: string; currency: string }>(
    evidenceAmountsQuery(context.target, tenant, postings),
  )
  for (const row of rows) {
    const amount = Number(row.amount)
    if (Number.isFinite(amount)) amounts.set(row.id, { amount, currency: row.currency })
  }
  return amounts
}

/** Looks one journey up; undefined when no stage of it was found. */
export async function lookupJourney(
  context: LookupContext,
  tenant: string,
  definition: JourneyDefinition,
  key: string,
  now: Date,
): Promise<JourneyResponse | undefined> {
  const gathered = await gatherJourney(context, tenant, definition, key)
  if (gathered.keyTraces.length === 0) return undefined
  const linkTraceIds = new Set(gathered.linkTraces.map((trace) => trace.traceId))
  const spans = gathered.spans.map((row) => toJourneySpan(row, context.recogniser, linkTraceIds))
  const root = evaluated(context, definition, key, spans, now.getTime())
  if (root.evidence.hits.length === 0) return undefined
  const linked = linkedJourneyCandidates(gathered.closure, context.journeys)
    .map((candidate) => evaluated(context, candidate.definition, candidate.key, spans, now.getTime()))
    .filter((journey) => journey.evidence.hits.length > 0)
  const deadLetters = root.evidence.problems.filter((problem) => problem.kind === 'dead_letter').map((problem) => problem.span)
  const [amounts, replays] = await Promise.all([
    duplicateAmounts(context, tenant, root),
    deadLetterReplays(context.warehouse, context.target, tenant, deadLetters, now),
  ])
  return journeyAnswer(root, linked, {
    closure: gathered.closure,
    traces: [...gathered.keyTraces, ...gathered.linkTraces].map(({ startNs: _s, endNs: _e, ...trace }) => trace),
    tracesTruncated: gathered.tracesTruncated,
    spansTruncated: gathered.spansTruncated,
    amounts,
    replays,
  })
}
