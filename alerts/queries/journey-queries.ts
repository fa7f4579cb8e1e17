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
  /** Of `after` and `expect`, the stages reached once per store (reached when every targeted store is). */
  readonly perStore: readonly string[]
  /** Stages the rule names that exempt a journey once attempted. */
  readonly unless: readonly string[]
  /**
   * The branches `expect` is not on, and its own: `expect` is not taken (the journey will never
   * reach it) when another branch was attempted and its own was not, as the journeys define it.
   */
  readonly branches: { readonly others: readonly string[]; readonly own: readonly string[] }
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
export function settlementStages(
  rule: SettlementUnpostedRule,
  shapes: readonly JourneyShape[],
): { readonly after: string | undefined; readonly expect: string | undefined } {
  const shape = shapes.find((s) => s.type === rule.journey)
  return {
    after: rule.after || (shape ? stageOfRole(shape, 'batched') : undefined),
    expect: rule.expect || (shape ? stageOfRole(shape, 'erp_posted') : undefined),
  }
}

const NO_BRANCHES = Object.freeze({ others: [], own: [] })

/** The stages of the branches other than a stage's own, and of its own branch; none for a stage on no branch. */
export function branchesOf(shape: JourneyShape | undefined, stage: string): PendingJourneys['branches'] {
  const branch = shape?.stages.find((s) => s.name === stage)?.branch
  if (!shape || branch === undefined) return NO_BRANCHES
  const onBranches = shape.stages.filter((s) => s.branch !== undefined)
  return {
    others: onBranches.filter((s) => s.branch !== branch).map((s) => s.name),
    own: onBranches.filter((s) => s.branch === branch).map((s) => s.name),
  }
}

/** Which of the named stages are reached once per store. */
function perStoreOf(shape: JourneyShape | undefined, named: readonly string[]): string[] {
  return shape ? shape.stages.filter((stage) => stage.perStore === true && named.includes(stage.name)).map((stage) => stage.name) : []
}

/**
 * The stages a question reads: a fraction of the journey's stages, so fewer rows to group, and
 * the rows without a stage (the stores a journey targets) when a once-per-store stage is asked.
 */
function stagesRead(shape: JourneyShape | undefined, named: readonly string[]): string[] {
  if (!shape) return []
  const first = shape.stages.filter((stage, i) => (stage.after ? stage.after.length === 0 : i === 0)).map((stage) => stage.name)
  const targets = perStoreOf(shape, named).length > 0 ? [''] : []
  return [...new Set([...first, ...named, ...targets])]
}

function rootKeyOf(type: string, key: string | undefined, shapes: readonly JourneyShape[]): string {
  const rootKey = key ?? shapes.find((shape) => shape.type === type)?.rootKey
  if (!rootKey) throw new UnknownJourneyError(`no journey type '${type}' is configured: add it under journeys, or give the rule a key`)
  return rootKey
}

/** The question a stage_sla, settlement_unposted or backlog rule asks. */
export function pendingJourneysOf(
  rule: StageSlaRule | SettlementUnpostedRule | BacklogRule,
  shapes: readonly JourneyShape[],
): PendingJourneys {
  switch (rule.type) {
    case 'stage_sla': {
      const shape = shapes.find((s) => s.type === rule.journey)
      const branches = branchesOf(shape, rule.expect)
      return {
        journeyType: rule.journey,
        rootKey: rootKeyOf(rule.journey, rule.key, shapes),
        after: rule.after,
        expect: rule.expect,
        perStore: perStoreOf(shape, [rule.after, rule.expect]),
        unless: rule.unless,
        branches,
        where: rule.where,
        olderThanMs: rule.withinMs,
        lookbackMs: rule.lookbackMs,
        groupBy: rule.groupBy,
        stagesRead: stagesRead(shape, [rule.after, rule.expect, ...rule.unless, ...branches.others, ...branches.own]),
      }
    }
    case 'settlement_unposted': {
      const shape = shapes.find((s) => s.type === rule.journey)
      const { after, expect } = settlementStages(rule, shapes)
      if (!after || !expect)
        throw new UnknownJourneyError(
          `rule ${rule.name}: the ${rule.journey} journey has no stage that plays the batched or erp_posted role`,
        )
      return {
        journeyType: rule.journey,
        rootKey: rootKeyOf(rule.journey, undefined, shapes),
        after,
        expect,
        perStore: perStoreOf(shape, [after, expect]),
        unless: [],
        branches: NO_BRANCHES,
        where: {},
        olderThanMs: rule.olderThanMs,
        lookbackMs: rule.lookbackMs,
        groupBy: rule.groupBy,
        stagesRead: stagesRead(shape, [after, expect]),
      }
    }
    case 'backlog': {
      const type = journeyTypeOfStage(rule.fromStage)
      const shape = shapes.find((s) => s.type === type)
      return {
        journeyType: type,
        rootKey: rootKeyOf(type, rule.key, shapes),
        after: rule.fromStage,
        expect: rule.toStage,
        perStore: perStoreOf(shape, [rule.fromStage, rule.toStage]),
        unless: [],
        branches: NO_BRANCHES,
        where: {},
        olderThanMs: 0,
        lookbackMs: rule.lookbackMs,
        groupBy: rule.groupBy,
        stagesRead: stagesRead(shape, [rule.fromStage, rule.toStage]),
      }
    }
  }
}
