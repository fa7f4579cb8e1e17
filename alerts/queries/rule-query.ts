/**
 * The statements of one evaluation round, and which rules each answers. Rules that ask the same
 * question share a statement (a backlog at two thresholds); every journey rule of one journey type
 * and root key shares one over the journey state (fifteen SLA rules on orders read the order rows
 * once), and every stock rule of one window one over the stock index. Each rule type's query is
 * chosen by an exhaustive switch the compiler checks.
 */
import type { SchemaTarget, Sql } from '../../storage/index.ts'
import type { AlertRule, InventoryMismatchRule } from '../rules.ts'
import { inventoryBatchOf, inventoryMismatchQuery } from './inventory-query.ts'
import { pendingJourneysOf, type JourneyShape, type PendingJourneys } from './journey-queries.ts'
import { pendingJourneysQuery, readsSpans } from './journey-state-query.ts'
import { rowMeaning, type RowMeaning } from './observation-rows.ts'
import { errorRateQuery, latencyQuery, SPAN_RULE_KEY } from './span-queries.ts'
import { queueDelayQuery } from './queue-delay-query.ts'
import { duplicateQuery } from './duplicate-query.ts'
import { deadLetterUnreplayedQuery } from './dead-letter-query.ts'

/** A rule a statement answers, and how to read its rows. */
export interface Answer {
  readonly rule: AlertRule
  readonly meaning: RowMeaning
}

/** A rule a batched statement answers: it reads the rows of its question (from 1). */
export interface BatchAnswer extends Answer {
  readonly question: number
}

/** One statement of a round. */
export type PlannedQuery =
  /** Latency or error rate over spans; the keys are values of `keyName` found within `windowMs`. */
  | { readonly kind: 'span'; readonly sql: Sql; readonly answers: readonly Answer[]; readonly keyName: string; readonly windowMs: number }
  | { readonly kind: 'inventory'; readonly sql: Sql; readonly answers: readonly BatchAnswer[] }
  | { readonly kind: 'journey'; readonly sql: Sql; readonly answers: readonly BatchAnswer[]; readonly rootKey: string }

/** The statements of a round, and the rules that cannot be asked (a journey nobody configured). */
export interface RoundPlan {
  readonly queries: readonly PlannedQuery[]
  readonly failures: readonly { readonly rule: string; readonly error: unknown }[]
}

/** Questions one statement asks; rules asking the same one share its position. */
class Batch<Q> {
  readonly questions: Q[] = []
  readonly answers: BatchAnswer[] = []
  private readonly positions = new Map<string, number>()

  add(question: Q, sameness: string, answer: Answer): void {
    let position = this.positions.get(sameness)
    if (position === undefined) {
      this.questions.push(question)
      this.positions.set(sameness, (position = this.questions.length))
    }
    this.answers.push({ ...answer, question: position })
  }
}

const identity = (query: Sql): string => `${query.text}\u0000${JSON.stringify(query.params)}`

function batchOf<Q>(batches: Map<string, Batch<Q>>, id: string): Batch<Q> {
  let batch = batches.get(id)
  if (!batch) batches.set(id, (batch = new Batch<Q>()))
  return batch
}

/** The statements that answer every rule at `now`. */
export function planRound(target: SchemaTarget, rules: readonly AlertRule[], journeys: readonly JourneyShape[], now: Date): RoundPlan {
  const failures: { rule: string; error: unknown }[] = []
  const spans = new Map<string, { kind: 'span'; sql: Sql; answers: Answer[]; keyName: string; windowMs: number }>()
  const stock = new Map<string, Batch<InventoryMismatchRule>>()
  const pending = new Map<string, Batch<PendingJourneys>>()
  const askSpans = (query: Sql, windowMs: number, answer: Answer, keyName = SPAN_RULE_KEY): void => {
    const shared = spans.get(identity(query)) ?? { kind: 'span', sql: query, answers: [], keyName, windowMs }
    shared.answers.push(answer)
    spans.set(identity(query), shared)
  }
  for (const rule of rules) {
    try {
      const answer = { rule, meaning: rowMeaning(rule, undefined) }
      switch (rule.type) {
        case 'latency':
          askSpans(latencyQuery(target, rule, now), rule.windowMs, answer)
          break
        case 'error_rate':
          askSpans(errorRateQuery(target, rule, now), rule.windowMs, answer)
          break
        case 'queue_delay':
          askSpans(queueDelayQuery(target, rule, now), rule.windowMs, answer)
          break
        case 'dead_letter_unreplayed':
          askSpans(deadLetterUnreplayedQuery(target, rule, now), rule.lookbackMs, answer)
          break
        case 'duplicate': {
          const journey = journeys.find((shape) => shape.type === rule.journey)
          if (!journey) throw new Error(`no journey type ${rule.journey} is configured`)
          // Its keys are the journey's root keys, which the span-rule links then find traces for.
          askSpans(duplicateQuery(target, rule, journey, now), rule.windowMs, answer, journey.rootKey)
          break
        }
        case 'inventory_mismatch':
          batchOf(stock, inventoryBatchOf(rule)).add(rule, JSON.stringify([rule.tolerance, rule.groupBy]), answer)
          break
        case 'stage_sla':
        case 'settlement_unposted':
        case 'backlog': {
          const question = pendingJourneysOf(rule, journeys)
          // A question that reads spans is asked alone, so it does not slow the others down.
          const id = readsSpans(question) ? `spans\u0000${rule.name}` : `state\u0000${question.journeyType}\u0000${question.rootKey}`
          batchOf(pending, id).add(question, JSON.stringify(question), { rule, meaning: rowMeaning(rule, question.journeyType) })
          break
        }
      }
    } catch (error) {
      failures.push({ rule: rule.name, error })
    }
  }
  const journeyQueries = [...pending.values()].map((batch): PlannedQuery => ({
    kind: 'journey',
    sql: pendingJourneysQuery(target, batch.questions, now),
    answers: batch.answers,
    rootKey: batch.questions[0]!.rootKey,
  }))
  const stockQueries = [...stock.values()].map((batch): PlannedQuery => ({
    kind: 'inventory',
    sql: inventoryMismatchQuery(target, batch.questions, now),
    answers: batch.answers,
  }))
  // The journey statements first: they cost the most, and the small ones fill the gaps beside them.
  return { queries: [...journeyQueries, ...stockQueries, ...spans.values()], failures }
}
