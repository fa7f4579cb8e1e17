/**
 * The journey model: a journey type is rooted on one business key and moves through stages in
 * an allowed order, with branches (ship, or pick up in store) and an SLA per stage measured from
 * the stage before it. Definitions are plain frozen data, so the defaults, the config file and
 * the tests all speak the same shape.
 */

/** A rule that makes a span count as a stage when the span cannot say so itself. */
export interface SpanMatch {
  /** `service.name` of the span's resource. */
  readonly service?: string
  /** The span's name. */
  readonly span?: string
  /** Span attributes that must all have these values (after key aliases are applied). */
  readonly attributes?: Readonly<Record<string, string>>
}

/**
 * What a stage stands for in the journey statistics and on the dashboard: store-sale backlog,
 * settlement posting, promotion reach, refunds not yet credited, pickups waiting in a store.
 */
export const STAGE_ROLES = [
  'published',
  'store_live',
  'batched',
  'erp_posted',
  'reconciled',
  'refunded',
  'erp_credited',
  'ready_for_pickup',
  'tax_posted',
] as const

/** A stage's part in the journey statistics. */
export type StageRole = (typeof STAGE_ROLES)[number]

/** One stage of a journey type. */
export interface StageDefinition {
  /** `<journey type>.<stage>`, as `retail.journey.stage` names it: `order.placed`. */
  readonly name: string
  /** Stages this one may follow (any one of them); empty for a stage that starts the journey. */
  readonly after: readonly string[]
  /** How long after the previous stage this one is due, in milliseconds. */
  readonly slaMs: number
  /** Stages of different branches exclude each other: once one branch is taken, the others are not. */
  readonly branch?: string
  /** Reached once per store (`retail.store.id`); the stage is complete when every targeted store reached it. */
  readonly perStore?: boolean
  /** Rules that map spans without `retail.journey.stage` onto this stage. */
  readonly match: readonly SpanMatch[]
  /** Its part in the statistics, for a stage not named `<type>.<role>`. */
  readonly role?: StageRole
  /**
   * Reached at most once per journey (per store, for a per-store stage): a second document (an
   * order created twice in the ERP, a refund paid twice) is a `duplicate` problem.
   */
  readonly once?: boolean
  /**
   * Beside the journey's path rather than on it: a posting such as the tax posting, due its SLA
   * after the stage it follows, with figures of its own. The journey's status never waits for it,
   * and no stage may follow it.
   */
  readonly side?: boolean
}

/** A journey type. */
export interface JourneyDefinition {
  /** `order`, `return`, ...: the prefix of its stage names. */
  readonly type: string
  /** The business key that names one journey: `retail.order.id`. */
  readonly rootKey: string
  /** Business keys the journey stitches in through spans that carry two keys. */
  readonly linkedKeys: readonly string[]
  /** In the order they may be reached; each stage's `after` names stages listed before it. */
  readonly stages: readonly StageDefinition[]
}

/** The stages on the journey's path, those its status is made of: every stage but the side ones. */
export function pathStages(definition: Pick<JourneyDefinition, 'stages'>): readonly StageDefinition[] {
  return definition.stages.filter((stage) => !stage.side)
}

/** The journey type a stage name belongs to: the part before the first dot. */
export function journeyTypeOfStage(stage: string): string {
  const dot = stage.indexOf('.')
  return dot < 0 ? stage : stage.slice(0, dot)
}

/** The stage that plays a role in a journey: the one that says so, else the one named `<type>.<role>`; undefined when none does. */
export function stageOfRole(definition: Pick<JourneyDefinition, 'type' | 'stages'>, role: StageRole): string | undefined {
  const named =
    definition.stages.find((stage) => stage.role === role) ??
    definition.stages.find((stage) => stage.role === undefined && stage.name === `${definition.type}.${role}`)
  return named?.name
}
