/**
 * Assembles the answer to `GET /api/journeys/{type}/{key}` from the evaluated journey, its
 * closure, the journeys linked to it, and its traces. Pure.
 */
import type {
  DeadLetterReplay,
  JourneyLinkedKey,
  JourneyPosting,
  JourneyProblem,
  JourneyResponse,
  JourneyTimelineEntry,
  JourneyTrace,
  LinkedJourneySummary,
} from '../../core/index.ts'
import { deadLetterId } from '../../core/index.ts'
import type { ClosureState } from './closure.ts'
import { spanRef, type JourneyEvaluation } from '../status/evaluate.ts'
import type { JourneyEvidence, JourneySpan, PathProblem } from './evidence.ts'
import { postingOf } from './duplicates.ts'
import { pathStages, type JourneyDefinition } from '../model/model.ts'

/** Most timeline entries one answer carries. */
const MAX_TIMELINE = 500

/** One journey evaluated from the spans found: the root one or a linked one. */
export interface EvaluatedJourney {
  readonly definition: JourneyDefinition
  readonly key: string
  readonly evidence: JourneyEvidence
  readonly evaluation: JourneyEvaluation
}

/** What the lookup found besides the journeys themselves. */
export interface JourneyFindings {
  readonly closure: ClosureState
  readonly traces: readonly JourneyTrace[]
  readonly tracesTruncated: boolean
  readonly spansTruncated: boolean
  /** `retail.amount` and currency of the postings in duplicates, by span id, where they carried one. */
  readonly amounts?: ReadonlyMap<string, { readonly amount: number; readonly currency: string }>
  /** What became of the journey's dead letters, by `<trace id>-<span id>`. */
  readonly replays?: ReadonlyMap<string, DeadLetterReplay>
}

type Amounts = JourneyFindings['amounts']

function posting(span: JourneySpan, amounts: Amounts): JourneyPosting {
  const money = amounts?.get(span.spanId)
  return {
    document: postingOf(span),
    ref: spanRef(span),
    ...(money ? { amount: money.amount, ...(money.currency ? { currency: money.currency } : {}) } : {}),
  }
}

function money(posting: JourneyPosting): string {
  return posting.amount === undefined ? '' : `, ${posting.amount.toFixed(2)}${posting.currency ? ` ${posting.currency}` : ''}`
}

/** What a problem says: its span's message; for a duplicate both postings with their systems and amounts; for a dead letter what became of it. */
function problemView(problem: PathProblem, findings: JourneyFindings): Pick<JourneyProblem, 'message' | 'duplicate' | 'replay'> {
  const amounts = findings.amounts
  const replay = problem.kind === 'dead_letter' ? findings.replays?.get(deadLetterId(problem.span)) : undefined
  if (replay !== undefined) return { message: problem.span.statusMessage, replay }
  if (problem.duplicate === undefined) return { message: problem.span.statusMessage }
  const first = posting(problem.duplicate.first, amounts)
  const again = posting(problem.span, amounts)
  const where = (p: JourneyPosting): string => `${p.document} (${p.ref.system || p.ref.service}${money(p)})`
  return {
    message: `${problem.duplicate.stage} reached again: ${where(again)} after ${where(first)}`,
    duplicate: { stage: problem.duplicate.stage, first, again },
  }
}

const iso = (ms: number): string => new Date(ms).toISOString()

/** The linked keys that root a journey of a known type, to evaluate beside the root journey. */
export function linkedJourneyCandidates(
  closure: ClosureState,
  journeys: readonly JourneyDefinition[],
): { definition: JourneyDefinition; key: string }[] {
  return [...closure.nodes.values()]
    .filter((node) => node.depth > 0)
    .flatMap((node) =>
      journeys.filter((definition) => definition.rootKey === node.key).map((definition) => ({ definition, key: node.value })),
    )
}

function summary(journey: EvaluatedJourney): LinkedJourneySummary {
  return {
    type: journey.definition.type,
    key: journey.key,
    status: journey.evaluation.status,
    ...(journey.evaluation.currentStage !== undefined ? { currentStage: journey.evaluation.currentStage } : {}),
    stagesReached: journey.evaluation.stagesReached,
    stageCount: pathStages(journey.definition).length,
  }
}

/** What a replay's timeline entry says of its outcome. */
const REPLAY_OUTCOME: Readonly<Record<DeadLetterReplay['state'], string>> = {
  waiting: '',
  replayed: 'not processed yet',
  replay_succeeded: 'processed',
  replay_failed: 'failed again',
}

/** The timeline entry of a dead letter's latest replay, when it was replayed. */
function replayEntry(
  replay: DeadLetterReplay | undefined,
  journey: { type: string; key: string },
): (JourneyTimelineEntry & { ms: number }) | undefined {
  if (replay?.replay === undefined || replay.replayedAt === undefined) return undefined
  const times = replay.replays > 1 ? ` (${replay.replays} replays)` : ''
  return {
    ms: Date.parse(replay.replayedAt),
    at: replay.replayedAt,
    kind: 'replay',
    journey,
    message: `dead letter replayed by ${replay.replay.service}${times}: ${REPLAY_OUTCOME[replay.state]}`,
    ref: replay.replay,
  }
}

function timeline(root: EvaluatedJourney, linked: readonly EvaluatedJourney[], findings: JourneyFindings): JourneyTimelineEntry[] {
  const entries: (JourneyTimelineEntry & { ms: number })[] = []
  for (const journey of [root, ...linked]) {
    const ref = { type: journey.definition.type, key: journey.key }
    for (const hit of journey.evidence.hits) {
      entries.push({
        ms: hit.timeMs,
        at: iso(hit.timeMs),
        kind: 'stage',
        journey: ref,
        stage: hit.stage,
        ref: spanRef(hit.span),
        // A log record's evidence is its line, which says what the system did.
        ...(hit.failed
          ? { message: hit.span.statusMessage || 'failed' }
          : hit.span.kind === 'log'
            ? { message: hit.span.statusMessage }
            : {}),
      })
    }
  }
  const journey = { type: root.definition.type, key: root.key }
  for (const problem of root.evidence.problems) {
    const view = problemView(problem, findings)
    entries.push({
      ms: problem.timeMs,
      at: iso(problem.timeMs),
      kind: problem.kind,
      journey,
      ...(problem.duplicate ? { stage: problem.duplicate.stage } : {}),
      message: view.message,
      ref: spanRef(problem.span),
    })
    const replay = replayEntry(view.replay, journey)
    if (replay) entries.push(replay)
  }
  return entries
    .sort((a, b) => a.ms - b.ms)
    .slice(0, MAX_TIMELINE)
    .map(({ ms: _ms, ...entry }) => entry)
}

/** The answer for a journey that was found. */
export function journeyAnswer(root: EvaluatedJourney, linked: readonly EvaluatedJourney[], findings: JourneyFindings): JourneyResponse {
  const { evaluation, definition } = root
  const linkedKeys: JourneyLinkedKey[] = [...findings.closure.nodes.values()]
    .filter((node) => node.depth > 0)
    .map((node) => ({
      key: node.key,
      value: node.value,
      depth: node.depth,
      via: node.via!,
      firstSeen: iso(node.firstSeenMs),
      lastSeen: iso(node.lastSeenMs),
    }))
  const problems: JourneyProblem[] = root.evidence.problems.map((problem) => ({
    kind: problem.kind,
    at: iso(problem.timeMs),
    ...problemView(problem, findings),
    ref: spanRef(problem.span),
  }))
  return {
    type: definition.type,
    key: root.key,
    rootKey: definition.rootKey,
    status: evaluation.status,
    late: evaluation.late,
    startedAt: iso(evaluation.startedMs),
    lastActivityAt: iso(evaluation.lastActivityMs),
    ...(evaluation.currentStage !== undefined ? { currentStage: evaluation.currentStage } : {}),
    ...(evaluation.currentSystem !== undefined ? { currentSystem: evaluation.currentSystem } : {}),
    ...(evaluation.branch !== undefined ? { branch: evaluation.branch } : {}),
    stages: evaluation.stages,
    problems,
    linkedKeys,
    linkedJourneys: linked.map(summary),
    skippedKeys: findings.closure.skipped,
    // Log records with no trace are read under the empty trace id: evidence, not a trace to open.
    traces: findings.traces.filter((trace) => trace.traceId !== ''),
    timeline: timeline(root, linked, findings),
    truncated: { keys: findings.closure.truncated, traces: findings.tracesTruncated, spans: findings.spansTruncated },
  }
}
