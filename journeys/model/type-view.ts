/** A journey definition as `GET /api/journeys/types` shows it: what the dashboard and outside tools read instead of knowing the defaults. */
import type { JourneyTypeView } from '../../core/index.ts'
import { STAGE_ROLES, type JourneyDefinition, type StageRole } from './model.ts'

/** The view of a journey type, each stage with the role it plays (said, or implied by its name). */
export function journeyTypeView(definition: JourneyDefinition): JourneyTypeView {
  return {
    type: definition.type,
    rootKey: definition.rootKey,
    linkedKeys: definition.linkedKeys,
    stages: definition.stages.map((stage) => {
      const implied = STAGE_ROLES.find((role: StageRole) => stage.name === `${definition.type}.${role}`)
      const role = stage.role ?? implied
      return {
        name: stage.name, after: stage.after, slaMs: stage.slaMs,
        ...(stage.branch !== undefined ? { branch: stage.branch } : {}),
        ...(stage.perStore ? { perStore: true } : {}),
        ...(role !== undefined ? { role } : {}),
      }
    }),
  }
}
