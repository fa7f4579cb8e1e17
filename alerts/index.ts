/**
 * Alert rules, evaluation and notification delivery: rules from the config file's `alerts:`
 * section, a pure evaluator (rules, observations, previous alerts) to (alerts, notifications),
 * queries over the spans and the journey and stock indexes, channels for PagerDuty, Opsgenie,
 * Slack and signed webhooks, a durable outbox that retries until the tools accept, and the
 * election that lets one of several instances evaluate and deliver.
 */
export { registerAlertMetrics } from './alert-metrics.ts'
export type { AlertMetrics } from './alert-metrics.ts'
export { alertsSectionSchema } from './config-schema.ts'
export type { AlertsSectionInput } from './config-schema.ts'
export { NO_ALERTS } from './rules.ts'
export type { AlertRule, AlertsConfig, ChannelConfig, ChannelType, RuleType, Severity } from './rules.ts'
export { alertJourneyIssues } from './journey-check.ts'
export type { AlertConfigIssue } from './journey-check.ts'
export { createAlertService } from './alert-service.ts'
export type { AlertService, AlertServiceOptions } from './alert-service.ts'

export type { Heartbeat, Leadership, LeaseStore } from './leader/leadership.ts'

export { alertRoutes } from './api/alert-routes.ts'
export { evaluateRound } from './evaluate.ts'
export { fetchObservations } from './fetch-observations.ts'
export type { Evaluation } from './evaluate.ts'
export type { AlertBook, AlertRecord } from './alert-record.ts'
export type { AlertNotification } from './notification.ts'
export type { Observation } from './observation.ts'
export type { JourneyShape } from './queries/journey-queries.ts'
export { webhookSignature } from './channels/webhook.ts'
export { memoryAlertStore } from './store/memory-alert-store.ts'
export type { AlertStore } from './store/alert-store.ts'
export type { DeliveryAttempt } from './delivery/delivery.ts'
export { ALERT_MIGRATIONS } from './migrations/index.ts'
