/**
 * The journey status rules (journeys/status/STATUS.md) are written four times: the evaluator over
 * one journey's spans (the journey page), the SQL over the journey-state table (lists and counts),
 * the evaluator over a journey's aggregates (the summaries behind lists), and the journey rules of
 * alerts. Seeded random journeys of every default type, with random SLAs, stage times, failures,
 * branches, stores and dead letters, are stored in the real engine; every path must give the same
 * status, current stage and due times, and the alerts the same pending journeys.
 */
import { rethrow } from './fixtures/rethrow.ts'
import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { JourneyResponse, SpanRecord } from '../core/index.ts'
import {
  createJourneyStore,
  createJourneySummariser,
  DEFAULT_JOURNEYS,
  pathStages,
  journeyStatusQuery,
  stageGraph,
  stageRecogniser,
  type JourneyDefinition,
  type StageGraph,
} from '../journeys/index.ts'
import { createSpanStore, keyRecogniser } from '../spans/index.ts'
import { alertsSectionSchema, fetchObservations, type AlertRule } from '../alerts/index.ts'
import { spanRecord } from './fixtures/spans.ts'
import { embeddedWarehouse } from './fixtures/warehouse.ts'
import { TEST_TARGET } from './fixtures/topology.ts'

const target = TEST_TARGET
const warehouse = embeddedWarehouse('status-equivalence', target)
const MIN = 60_000
const HOUR = 60 * MIN
const SEEDS = [7, 1009, 60013]
const JOURNEYS_PER_TYPE = 24
const STORES = ['S1', 'S2', 'S3', 'S4']

/** mulberry32: a small seeded generator, so a failing case can be run again. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The default journeys with SLAs drawn at random: what a config file might set. */
function randomDefinitions(random: () => number): JourneyDefinition[] {
  return DEFAULT_JOURNEYS.map((journey) => ({
    ...journey,
    stages: journey.stages.map((stage) => ({ ...stage, slaMs: MIN * (1 + Math.floor(random() * 120)) })),
  }))
}

interface Generated {
  readonly spans: SpanRecord[]
  readonly key: string
}

/** One random journey: stages reached in order or skipped, late or on time, failed, retried, per store, dead-lettered. */
function randomJourney(random: () => number, graph: StageGraph, key: string, nowMs: number): Generated {
  const { definition, stages, predecessors } = graph
  const traceId = randomBytes(16).toString('hex')
  const spans: SpanRecord[] = []
  const span = (
    stage: string,
    atMs: number,
    extra: { failed?: boolean; store?: string; producer?: boolean; deadLetter?: boolean } = {},
  ): void => {
    const start = BigInt(Math.floor(atMs)) * 1_000_000n
    spans.push(
      spanRecord({
        traceId,
        name: stage || 'signal',
        startTimeUnixNano: start,
        endTimeUnixNano: start + 2_000_000n,
        kind: extra.producer ? 'producer' : 'internal',
        statusCode: extra.failed ? 'error' : 'unset',
        attributes: {
          [definition.rootKey]: key,
          ...(stage ? { 'retail.journey.stage': stage } : {}),
          ...(extra.store ? { 'retail.store.id': extra.store } : {}),
          ...(extra.deadLetter ? { 'retail.dead_letter': 'true' } : {}),
        },
      }),
    )
  }
  const startMs = nowMs - Math.floor(random() * 10 * HOUR) - MIN
  const branches = [...new Set(stages.flatMap((stage) => (stage.branch ? [stage.branch] : [])))]
  const chosen = random() < 0.2 ? undefined : branches[Math.floor(random() * branches.length)]
  const reachedAt: (number | undefined)[] = []
  stages.forEach((stage, i) => {
    const onOtherBranch = stage.branch !== undefined && stage.branch !== chosen && random() > 0.04
    const predecessorTimes = predecessors[i]!.map((p) => reachedAt[p]).filter((at): at is number => at !== undefined)
    const likely = predecessors[i]!.length === 0 ? 0.95 : predecessorTimes.length > 0 ? 0.75 : 0.1
    if (onOtherBranch || random() > likely) return
    const base = predecessorTimes.length > 0 ? Math.max(...predecessorTimes) : startMs
    const at = base + Math.floor(random() * 2 * stage.slaMs)
    if (at >= nowMs) return
    if (stage.perStore) {
      const stores = STORES.filter(() => random() < 0.6)
      for (const store of stores) if (random() < 0.5) span('', base + Math.floor(random() * stage.slaMs), { producer: true, store })
      for (const store of stores) {
        const storeAt = at + Math.floor(random() * stage.slaMs)
        if (storeAt < nowMs && random() < 0.8) span(stage.name, storeAt, { store, failed: random() < 0.15 })
      }
      reachedAt.push(at)
      return
    }
    const outcome = random()
    if (outcome < 0.1) {
      span(stage.name, at, { failed: true })
      return
    }
    if (outcome < 0.2) span(stage.name, at - Math.floor(random() * MIN) - 1, { failed: true })
    span(stage.name, at)
    reachedAt.push(at)
  })
  if (random() < 0.08) span('', startMs + Math.floor(random() * (nowMs - startMs)), { deadLetter: true })
  return { spans, key }
}

/** A stage_sla rule for each stage that follows exactly one other stage. */
function slaRules(definitions: readonly JourneyDefinition[]): AlertRule[] {
  const rules = definitions.flatMap((journey) =>
    pathStages(journey)
      .filter((stage) => stage.after.length === 1)
      .map((stage) => ({
        name: `${journey.type}-${stage.name.split('.')[1]!.replaceAll('_', '-')}`,
        type: 'stage_sla',
        journey: journey.type,
        after: stage.after[0],
        expect: stage.name,
        within: `${stage.slaMs / MIN}m`,
        lookback: '2d',
      })),
  )
  return [...alertsSectionSchema.parse({ rules }).rules]
}

interface Case {
  readonly seed: number
  readonly tenant: string
  readonly nowMs: number
  readonly definitions: readonly JourneyDefinition[]
  readonly journeys: readonly { readonly type: string; readonly key: string }[]
}

const cases: Case[] = []

beforeAll(async () => {
  for (const seed of SEEDS) {
    const random = prng(seed)
    const tenant = `seed-${seed}`
    const nowMs = Date.now() - Math.floor(random() * HOUR)
    const definitions = randomDefinitions(random)
    const spans = createSpanStore(warehouse, target, keyRecogniser({ aliases: {}, extraKeys: [] }), stageRecogniser(definitions))
    const journeys: { type: string; key: string }[] = []
    const records: SpanRecord[] = []
    for (const definition of definitions) {
      const graph = stageGraph(definition)
      for (let n = 0; n < JOURNEYS_PER_TYPE; n++) {
        const generated = randomJourney(random, graph, `${definition.type.toUpperCase()}-${seed}-${n}`, nowMs)
        if (generated.spans.length === 0) continue
        records.push(...generated.spans)
        // A journey is known by its stages: one with signals only (a dead letter, a message toward a store) is no journey yet.
        if (generated.spans.some((s) => s.attributes['retail.journey.stage'] !== undefined))
          journeys.push({ type: definition.type, key: generated.key })
      }
    }
    await spans.insert(tenant, records, `equivalence-${seed}`)
    cases.push({ seed, tenant, nowMs, definitions, journeys })
  }
}, 120_000)

describe.each(SEEDS.map((seed, i) => [seed, i] as const))('journey status, seed %i', (seed, index) => {
  it('is the same from the spans, from the SQL, from the summaries, and for the alerts', async () => {
    const { tenant, nowMs, definitions, journeys } = cases[index]!
    const now = new Date(nowMs)
    const live = createJourneyStore(warehouse, target, definitions)
    const summariser = createJourneySummariser(warehouse, target, definitions.map(stageGraph), { lagMs: 0, onError: rethrow })
    const summarised = createJourneyStore(warehouse, target, definitions, { summaries: summariser })
    const lookups = new Map<string, JourneyResponse>()
    for (const journey of journeys) {
      const found = await live.lookup(tenant, journey.type, journey.key, now)
      expect(found, `${journey.type} ${journey.key} (seed ${seed})`).toBeDefined()
      lookups.set(journey.key, found!)
    }

    let compared = 0
    for (const definition of definitions) {
      const graph = stageGraph(definition)
      const fromLookups = journeys
        .filter((j) => j.type === definition.type)
        .map((j) => {
          const found = lookups.get(j.key)!
          return [j.key, { status: found.status, currentStage: found.currentStage ?? '' }] as const
        })
      const expected = Object.fromEntries(fromLookups)
      const page = { limit: 500, offset: 0, sort: 'newest' as const }
      const fromSql = Object.fromEntries(
        (await live.list(tenant, definition.type, page, now)).journeys.map((j) => [
          j.key,
          { status: j.status, currentStage: j.currentStage },
        ]),
      )
      const fromSummaries = Object.fromEntries(
        (await summarised.list(tenant, definition.type, page, now)).journeys.map((j) => [
          j.key,
          { status: j.status, currentStage: j.currentStage },
        ]),
      )
      expect(fromSql, `${definition.type}: SQL against the lookups (seed ${seed})`).toEqual(expected)
      expect(fromSummaries, `${definition.type}: summaries against the lookups (seed ${seed})`).toEqual(expected)

      // Due times: the SQL's per stage against the page's.
      const rows = await warehouse.rows<Record<string, string | number>>(journeyStatusQuery(target, tenant, graph, nowMs))
      for (const row of rows) {
        const found = lookups.get(String(row.key))!
        graph.stages.forEach((stage, i) => {
          const view = found.stages.find((s) => s.name === stage.name)!
          const due = Number(row[`due_${i}`])
          const sqlDue = view.state === 'not_taken' || due === 0 ? undefined : new Date(due).toISOString()
          expect(view.dueAt, `${row.key} ${stage.name} due (seed ${seed})`).toBe(sqlDue)
        })
      }
      compared += fromLookups.length
    }
    expect(compared).toBe(journeys.length)

    // The alerts' pending journeys: reached `after` (as the journeys define reached) over `within` ago, not `expect`, and `expect` still on the path.
    const rules = slaRules(definitions)
    const { observations, failures } = await fetchObservations(warehouse, target, rules, definitions, now)
    expect(failures).toEqual([])
    for (const rule of rules) {
      if (rule.type !== 'stage_sla') continue
      const pending = journeys
        .filter((j) => j.type === rule.journey)
        .flatMap((j) => {
          const stages = lookups.get(j.key)!.stages
          const after = stages.find((s) => s.name === rule.after)!
          const expect = stages.find((s) => s.name === rule.expect)!
          const overdue = after.reached && Date.parse(after.at!) <= nowMs - rule.withinMs && !expect.reached && expect.state !== 'not_taken'
          return overdue ? [j.key] : []
        })
        .sort()
      const observed = (observations.get(rule.name) ?? []).filter((o) => o.tenant === tenant)
      const count = observed.reduce((sum, o) => sum + o.value, 0)
      expect(count, `${rule.name}: pending journeys (seed ${seed})`).toBe(pending.length)
      if (pending.length <= 20) expect(observed.flatMap((o) => o.impact.journeys.map((j) => j.key)).sort(), rule.name).toEqual(pending)
    }
  }, 120_000)
})
