/**
 * Cross-checks the journey rules against the configured journeys: the journey type exists (or
 * the rule names its key) and the stages are stages of it. Issues name the field, like the
 * schema's own, so settings and the reload report them the same way.
 */
import { journeyTypeOfStage } from '../journeys/index.ts'
import { settlementStages, type JourneyShape } from './queries/journey-queries.ts'
import type { AlertsConfig } from './rules.ts'

/** A problem with a path under `alerts`. */
export interface AlertConfigIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** Every journey reference of the rules that the journeys do not have. */
export function alertJourneyIssues(config: AlertsConfig, journeys: readonly JourneyShape[]): AlertConfigIssue[] {
  const issues: AlertConfigIssue[] = []
  config.rules.forEach((rule, i) => {
    const at = (field: string, ...rest: number[]): (string | number)[] => ['alerts', 'rules', i, field, ...rest]
    const check = (type: string, typeField: string, named: string | undefined, stages: [string, string, number?][]): void => {
      const shape = journeys.find((j) => j.type === type)
      if (!shape) {
        if (!named)
          issues.push({
            path: at(typeField),
            message: `rule '${rule.name}': no journey type '${type}' is configured (known: ${journeys.map((j) => j.type).join(', ')})`,
          })
        return
      }
      const known = new Set(shape.stages.map((s) => s.name))
      for (const [field, stage, index] of stages) {
        if (!known.has(stage))
          issues.push({
            path: index === undefined ? at(field) : at(field, index),
            message: `rule '${rule.name}': '${stage}' is not a stage of the ${type} journey`,
          })
      }
    }
    switch (rule.type) {
      case 'stage_sla':
        check(rule.journey, 'journey', rule.key, [
          ['after', rule.after],
          ['expect', rule.expect],
          ...rule.unless.map((s, k): [string, string, number] => ['unless', s, k]),
        ])
        break
      case 'settlement_unposted': {
        const { after, expect } = settlementStages(rule, journeys)
        if (journeys.some((j) => j.type === rule.journey) && (!after || !expect)) {
          issues.push({
            path: at(after ? 'expect' : 'after'),
            message: `rule '${rule.name}': the ${rule.journey} journey has no stage with the ${after ? 'erp_posted' : 'batched'} role; name the stage here or give one that role`,
          })
          break
        }
        check(rule.journey, 'journey', undefined, [
          ['after', after ?? ''],
          ['expect', expect ?? ''],
        ])
        break
      }
      case 'backlog':
        check(journeyTypeOfStage(rule.fromStage), 'from_stage', rule.key, [
          ['from_stage', rule.fromStage],
          ['to_stage', rule.toStage],
        ])
        break
      case 'duplicate': {
        check(rule.journey, 'journey', undefined, rule.stage === undefined ? [] : [['stage', rule.stage]])
        const shape = journeys.find((j) => j.type === rule.journey)
        const once = shape?.stages.filter((s) => s.once && (rule.stage === undefined || s.name === rule.stage)) ?? []
        if (shape && once.length === 0 && (rule.stage === undefined || shape.stages.some((s) => s.name === rule.stage)))
          issues.push({
            path: at(rule.stage === undefined ? 'journey' : 'stage'),
            message:
              rule.stage === undefined
                ? `rule '${rule.name}': the ${rule.journey} journey has no once-only stage; mark one with once: true in journeys`
                : `rule '${rule.name}': '${rule.stage}' is not a once-only stage; mark it with once: true in journeys`,
          })
        break
      }
      case 'latency':
      case 'error_rate':
      case 'inventory_mismatch':
      case 'dead_letter_unreplayed':
        break
    }
  })
  return issues
}
