/** A journey definition as `GET /api/journeys/types` shows it: what the dashboard and outside tools read instead of knowing the defaults. */
import type { JourneyTypeView } from '../../core/index.ts'
import { STAGE_ROLES, stageOfRole, type JourneyDefinition } from './model.ts'

/** The view of a journey type, each stage with the role it plays as `stageOfRole` finds it (said, or implied by its name). */
export function journeyTypeView(definition: JourneyDefinition): JourneyTypeView {
  return {
    type: definition.type,
    rootKey: definition.rootKey,
    linkedKeys: definition.linkedKeys,
    stages: definition.stages.map((stage) => {
      const role = STAGE_ROLES.find((candidate) => stageOfRole(definition, candidate) === stage.name)
      return {
        name: stage.name,
        after: stage.after,
        slaMs: stage.slaMs,
        ...(stage.branch !== undefined ? { branch: stage.branch } : {}),
        ...(stage.perStore ? { perStore: true } : {}),
        ...(stage.side ? { side: true } : {}),
        ...(role !== undefined ? { role } : {}),
      }
    }),
  }
}
