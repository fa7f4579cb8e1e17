/**
 * The demo's built-in alert rules: the rules of `throughline.example.yaml` at the repository
 * root, without channels (nothing listens at the example's URLs). Used only when the demo runs
 * without a config file, so the product itself has no default rules.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AlertsConfig } from '../../alerts/index.ts'
import type { JourneyDefinition } from '../../journeys/index.ts'
import { reloadAlerts } from './settings.ts'

/** The sample config file, beside package.json. */
const EXAMPLE_CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../throughline.example.yaml')

/** The example file's rules, with no channels to page. */
export function demoAlertRules(journeys: readonly JourneyDefinition[]): AlertsConfig {
  const example = reloadAlerts(EXAMPLE_CONFIG, journeys)
  return Object.freeze({ ...example, channels: [], rules: example.rules.map((rule) => Object.freeze({ ...rule, channels: [] })) })
}
