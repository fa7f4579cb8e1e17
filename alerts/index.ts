/**
 * Alert rules, evaluation and notification delivery. For now only the metrics the contract
 * names, so dashboards and scrapers can rely on the series before the first rule exists.
 */
export { registerAlertMetrics } from './alert-metrics.ts'
export type { AlertMetrics } from './alert-metrics.ts'
