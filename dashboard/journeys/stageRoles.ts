/**
 * Stages found by the part they play, as `GET /api/journeys/types` says it, not by their names:
 * a config file that renames a default stage, or gives a type of its own a refund or a pickup,
 * keeps the finance and operations pages right.
 */
import type { JourneyTypeView } from '../../core/index.ts'

/** The stage of a journey type that plays a role; undefined when none does. */
export function stageWithRole(type: JourneyTypeView, role: string): string | undefined {
  return type.stages.find((stage) => stage.role === role)?.name
}

/** The stages that play a role, one per journey type that has it, in the order the API lists the types. */
export function stagesWithRole(types: readonly JourneyTypeView[], role: string): string[] {
  return types.flatMap((type) => stageWithRole(type, role) ?? [])
}

/** A stage and every stage that can come after it, in the type's order. */
export function stageAndLater(type: JourneyTypeView, stage: string): string[] {
  // Each stage's `after` names stages listed before it, so one pass in order reaches them all.
  const reached = new Set([stage])
  for (const candidate of type.stages) {
    if (candidate.after.some((previous) => reached.has(previous))) reached.add(candidate.name)
  }
  return type.stages.map((s) => s.name).filter((name) => reached.has(name))
}
