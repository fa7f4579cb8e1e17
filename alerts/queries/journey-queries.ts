/**
 * The journey-shaped rules (stage_sla, settlement_unposted, backlog) are one question: which
 * journeys reached stage A, more than some time ago, and not stage B? This module turns a rule
 * into that question; ./journey-state-query.ts asks it of the journey-state table.
 */
import { journeyTypeOfStage, stageOfRole, type JourneyDefinition } from '../../journeys/index.ts'
import type { BacklogRule, GroupKey, SettlementUnpostedRule, StageSlaRule } from '../rules.ts'

/** What the queries need to know of a journey type: its root key, which stages are branches, and which play which role. */
export type JourneyShape = Pick<JourneyDefinition, 'type' | 'rootKey' | 'stages'>

/** One "reached A but not B" question. */
export interface PendingJourneys {
  readonly journeyType: string
  readonly rootKey: string
  readonly after: string
  readonly expect: string
  /** Stages that exempt a journey (another branch). */
  readonly unless: readonly string[]
  readonly where: Readonly<Record<string, string>>
  /** Only journeys that reached `after` at least this long ago count. */
  readonly olderThanMs: number
  readonly lookbackMs: number
  readonly groupBy: readonly GroupKey[]
  /**
   * The stages read: the journey's first stages (where its amount and context usually are),
   * `after`, `expect` and `unless`; empty reads every stage of the journey type.
   */
  readonly stagesRead: readonly string[]
}

/** Why a journey rule cannot be asked. */
export class UnknownJourneyError extends Error {}

/** The stages a settlement_unposted rule watches: those it names, else the journey's stages that play the `batched` and `erp_posted` roles. */
export function settlementStages(rule: SettlementUnpostedRule, shapes: readonly JourneyShape[]): { readonly after: string | undefined; readonly expect: string | undefined } {
  const shape = shapes.find((s) => s.type === rule.journey)
  return {
    after: rule.after || (shape ? stageOfRole(shape, 'batched') : undefined),
    expect: rule.expect || (shape ? stageOfRole(shape, 'erp_posted') : undefined),
  }
}

/** Stages of branches other than the stage's own: reaching one means the stage will never come. */
export function otherBranches(shape: JourneyShape | undefined, stage: string): string[] {
  const branch = shape?.stages.find((s) => s.name === stage)?.branch
  if (!shape || branch === undefined) return []
  return shape.stages.filter((s) => s.branch !== undefined && s.branch !== branch).map((s) => s.name)
}

/** The stages a question reads: a fraction of the journey's stages, so fewer rows to group. */
function stagesRead(shape: JourneyShape | undefined, named: readonly string[]): string[] {
  if (!shape) return []
  const first = shape.stages.filter((stage, i) => (stage.after ? stage.after.length === 0 : i === 0)).map((stage) => stage.name)
  return [...new Set([...first, ...named])]
}

function rootKeyOf(type: string, key: string | undefined, shapes: readonly JourneyShape[]): string {
  const rootKey = key ?? shapes.find((shape) => shape.type === type)?.rootKey
  if (!rootKey) throw new UnknownJourneyError(`no journey type '${type}' is configured: add it under journeys, or give the rule a key`)
  return rootKey
}

/** The question a stage_sla, settlement_unposted or backlog rule asks. */
export function pendingJourneysOf(rule: StageSlaRule | SettlementUnpostedRule | BacklogRule, shapes: readonly JourneyShape[]): PendingJourneys {
  switch (rule.type) {
    case 'stage_sla': {
      const shape = shapes.find((s) => s.type === rule.journey)
      const unless = [...new Set([...rule.unless, ...otherBranches(shape, rule.expect)])]
      return {
        journeyType: rule.journey, rootKey: rootKeyOf(rule.journey, rule.key, shapes), after: rule.after, expect: rule.expect,
        unless, where: rule.where, olderThanMs: rule.withinMs, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy,
        stagesRead: stagesRead(shape, [rule.after, rule.expect, ...unless]),
      }
    }
    case 'settlement_unposted': {
      const shape = shapes.find((s) => s.type === rule.journey)
      const { after, expect } = settlementStages(rule, shapes)
      if (!after || !expect) throw new UnknownJourneyError(`rule ${rule.name}: the ${rule.journey} journey has no stage that plays the batched or erp_posted role`)
      return {
        journeyType: rule.journey, rootKey: rootKeyOf(rule.journey, undefined, shapes), after, expect, unless: [], where: {},
        olderThanMs: rule.olderThanMs, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy, stagesRead: stagesRead(shape, [after, expect]),
      }
    }
    case 'backlog': {
      const type = journeyTypeOfStage(rule.fromStage)
      const shape = shapes.find((s) => s.type === type)
      return {
        journeyType: type, rootKey: rootKeyOf(type, rule.key, shapes), after: rule.fromStage, expect: rule.toStage, unless: [], where: {},
        olderThanMs: 0, lookbackMs: rule.lookbackMs, groupBy: rule.groupBy, stagesRead: stagesRead(shape, [rule.fromStage, rule.toStage]),
      }
    }
  }
}
