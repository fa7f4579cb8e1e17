/**
 * Journey status from its evidence and the time: per stage reached, when, by which span, how
 * long after the previous stage, late or missing against the SLA; per journey in_progress, late,
 * stalled, failed or complete. Times are epoch milliseconds with 0 for "never", the same
 * arithmetic the listing's SQL does (./status-sql), so a list and a lookup agree.
 *
 * - A stage is reached by its first span that did not fail; a once-per-store stage when every
 *   targeted store reached it. It is due `slaMs` after its latest reached predecessor (through
 *   unreached ones, their SLAs add up); late when reached after that.
 * - failed: a stage attempted only by failed spans with nothing reached after it, or a dead letter
 *   no later progress made good. complete: every terminal stage on the branch taken is reached.
 * - stalled: the next stage is overdue (of alternatives not yet chosen, all of them). late: a
 *   stage came after its SLA. Precedence: failed, complete, stalled, late, in_progress.
 */
import type { JourneySpanRef, JourneyStageState, JourneyStageView, JourneyStatus, JourneyStoreHit } from '../../core/index.ts'
import type { JourneyEvidence, JourneySpan, StageHit } from '../lookup/evidence.ts'
import type { StageGraph } from '../model/stage-graph.ts'

/** The evaluated journey, before the store adds links, traces and the timeline. */
export interface JourneyEvaluation {
  readonly status: JourneyStatus
  readonly late: boolean
  /** 0 when nothing was found: no such journey. */
  readonly startedMs: number
  readonly lastActivityMs: number
  readonly currentStage?: string
  readonly currentSystem?: string
  readonly branch?: string
  readonly stages: readonly JourneyStageView[]
  readonly stagesReached: number
}

interface StageFacts {
  readonly hits: readonly StageHit[]
  readonly reachedMs: number
  readonly by?: StageHit
  readonly stores?: { readonly expected: readonly string[]; readonly firstOk: ReadonlyMap<string, StageHit> }
}

/** A span reference for the API. */
export function spanRef(span: JourneySpan): JourneySpanRef {
  const ref = { traceId: span.traceId, spanId: span.spanId, service: span.service, system: span.system, span: span.name }
  return span.kind === 'log' ? { ...ref, log: true } : ref
}

const iso = (ms: number): string => new Date(ms).toISOString()

function firstOk(hits: readonly StageHit[]): StageHit | undefined {
  return hits.find((hit) => !hit.failed)
}

function stageFacts(perStore: boolean, hits: readonly StageHit[], targetStores: readonly string[]): StageFacts {
  if (!perStore) {
    const by = firstOk(hits)
    return { hits, reachedMs: by?.timeMs ?? 0, ...(by ? { by } : {}) }
  }
  const expected = new Set(targetStores)
  const okByStore = new Map<string, StageHit>()
  for (const hit of hits) {
    if (hit.span.store === '') continue
    expected.add(hit.span.store)
    if (!hit.failed && !okByStore.has(hit.span.store)) okByStore.set(hit.span.store, hit)
  }
  const stores = { expected: [...expected].sort(), firstOk: okByStore }
  // Without any store to go by, the stage behaves as an ordinary one.
  if (expected.size === 0) {
    const by = firstOk(hits)
    return { hits, reachedMs: by?.timeMs ?? 0, stores, ...(by ? { by } : {}) }
  }
  if (okByStore.size < expected.size) return { hits, reachedMs: 0, stores }
  const last = [...okByStore.values()].reduce((a, b) => (b.timeMs > a.timeMs ? b : a))
  return { hits, reachedMs: last.timeMs, by: last, stores }
}

/** Evaluates one journey at `nowMs`. */
export function evaluateJourney(graph: StageGraph, evidence: JourneyEvidence, nowMs: number): JourneyEvaluation {
  const { stages, predecessors, descendants, terminals } = graph
  const facts = stages.map((stage) =>
    stageFacts(
      stage.perStore === true,
      evidence.hits.filter((hit) => hit.stage === stage.name),
      evidence.targetStores,
    ),
  )
  const reached = facts.map((f) => f.reachedMs)
  const taken = new Set(stages.flatMap((stage, i) => (stage.branch !== undefined && facts[i]!.hits.length > 0 ? [stage.branch] : [])))
  const notTaken = stages.map((stage) => stage.branch !== undefined && taken.size > 0 && !taken.has(stage.branch))

  // Due time and the previous reached stage, in list order (predecessors come first).
  const due: number[] = []
  const previous: (number | undefined)[] = []
  stages.forEach((stage, i) => {
    let dueMs = 0
    let prev: number | undefined
    for (const p of predecessors[i]!) {
      if (notTaken[p]) continue
      const anchorDue = reached[p]! > 0 ? reached[p]! + stage.slaMs : due[p]! > 0 ? due[p]! + stage.slaMs : 0
      dueMs = Math.max(dueMs, anchorDue)
      const prevCandidate = reached[p]! > 0 ? p : previous[p]
      if (prevCandidate !== undefined && (prev === undefined || reached[prevCandidate]! > reached[prev]!)) prev = prevCandidate
    }
    due.push(dueMs)
    previous.push(prev)
  })

  const laterReached = stages.map((_, i) => descendants[i]!.some((d) => reached[d]! > 0))
  const failedHits = facts.map((f) => f.hits.some((hit) => hit.failed))
  const states: JourneyStageState[] = stages.map((_, i) => {
    if (notTaken[i]) return 'not_taken'
    if (reached[i]! > 0) return due[i]! > 0 && reached[i]! > due[i]! ? 'late' : 'reached'
    if (laterReached[i]) return 'missing'
    if (failedHits[i] && facts[i]!.hits.length > 0) return 'failed'
    return due[i]! > 0 && nowMs > due[i]! ? 'overdue' : 'pending'
  })

  const lastReached = Math.max(0, ...reached)
  const lastDeadLetter = Math.max(0, ...evidence.problems.filter((p) => p.kind === 'dead_letter').map((p) => p.timeMs))
  const failed = states.includes('failed') || (lastDeadLetter > 0 && lastDeadLetter >= lastReached)
  const complete = terminals.every((t) => reached[t]! > 0 || notTaken[t])
  const frontier = stages.flatMap((_, i) =>
    (states[i] === 'overdue' || states[i] === 'pending') && predecessors[i]!.some((p) => !notTaken[p] && reached[p]! > 0) ? [i] : [],
  )
  const alternatives = frontier.filter((i) => stages[i]!.branch !== undefined && taken.size === 0)
  const required = frontier.filter((i) => !alternatives.includes(i))
  const stalled =
    required.some((i) => states[i] === 'overdue') || (alternatives.length > 0 && alternatives.every((i) => states[i] === 'overdue'))
  const late = states.includes('late')
  const status: JourneyStatus = failed ? 'failed' : complete ? 'complete' : stalled ? 'stalled' : late ? 'late' : 'in_progress'

  const current = stages
    .map((_, i) => i)
    .filter((i) => reached[i]! > 0)
    .sort((a, b) => reached[b]! - reached[a]! || b - a)[0]
  const times = [...evidence.hits.map((hit) => hit.timeMs), ...evidence.problems.map((p) => p.timeMs)]
  const views = stages.map((stage, i): JourneyStageView => {
    const f = facts[i]!
    const prev = previous[i]
    return {
      name: stage.name,
      state: states[i]!,
      reached: reached[i]! > 0,
      late: states[i] === 'late',
      missing: states[i] === 'missing' || states[i] === 'overdue',
      slaMs: stage.slaMs,
      ...(stage.branch !== undefined ? { branch: stage.branch } : {}),
      ...(reached[i]! > 0 ? { at: iso(reached[i]!) } : {}),
      ...(reached[i]! > 0 && prev !== undefined ? { previous: stages[prev]!.name, afterPreviousMs: reached[i]! - reached[prev]! } : {}),
      ...(due[i]! > 0 && !notTaken[i] ? { dueAt: iso(due[i]!) } : {}),
      ...(f.by ? { ref: spanRef(f.by.span) } : {}),
      attempts: f.hits.length,
      failures: f.hits.filter((hit) => hit.failed).length,
      retries: Math.max(0, ...f.hits.map((hit) => hit.span.retries)),
      deadLetters: f.hits.filter((hit) => hit.span.deadLetter).length,
      ...(f.stores ? { stores: storeView(f.stores, due[i]!) } : {}),
    }
  })
  return {
    status,
    late,
    startedMs: times.length > 0 ? Math.min(...times) : 0,
    lastActivityMs: times.length > 0 ? Math.max(...times) : 0,
    ...(current !== undefined ? { currentStage: stages[current]!.name, currentSystem: facts[current]!.by?.span.system ?? '' } : {}),
    ...(taken.size > 0 ? { branch: [...taken].sort().join(',') } : {}),
    stages: views,
    stagesReached: reached.filter((ms) => ms > 0).length,
  }
}

function storeView(stores: NonNullable<StageFacts['stores']>, dueMs: number): NonNullable<JourneyStageView['stores']> {
  const reached: JourneyStoreHit[] = [...stores.firstOk.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([store, hit]) => ({ store, at: iso(hit.timeMs), late: dueMs > 0 && hit.timeMs > dueMs, ref: spanRef(hit.span) }))
  return { expected: stores.expected.length, reached, missing: stores.expected.filter((store) => !stores.firstOk.has(store)) }
}
