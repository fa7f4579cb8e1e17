/**
 * The alerting configuration as the platform runs it: rules and channels with durations in
 * milliseconds and names in camelCase. The config file's snake_case shape is validated and
 * turned into this by ./config-schema.ts; everything else in alerts/ speaks this shape.
 */

/** How loud an alert is; the names are PagerDuty's, and the other tools map from them. */
export type Severity = 'critical' | 'error' | 'warning' | 'info'

/** Every severity, most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'error', 'warning', 'info']

/** Span context an alert may be grouped by: one alert (and one incident) per value. */
export type GroupKey = 'retail.store.id' | 'retail.location.id' | 'retail.channel' | 'retail.region' | 'retail.system'

/** Every group key, with the short names the config file also accepts. */
export const GROUP_KEYS: Readonly<Record<string, GroupKey>> = {
  'retail.store.id': 'retail.store.id',
  'retail.location.id': 'retail.location.id',
  'retail.channel': 'retail.channel',
  'retail.region': 'retail.region',
  'retail.system': 'retail.system',
  store: 'retail.store.id',
  location: 'retail.location.id',
  channel: 'retail.channel',
  region: 'retail.region',
  system: 'retail.system',
}

/** What every rule has. */
export interface RuleBase {
  readonly name: string
  readonly severity: Severity
  /** How long a breach must hold before the alert fires. */
  readonly forMs: number
  readonly groupBy: readonly GroupKey[]
  /** Channel names; an alert without channels still shows in the API and the dashboard. */
  readonly channels: readonly string[]
  /** Overrides the section's repeat interval for this rule. */
  readonly repeatMs?: number
  readonly description?: string
}

/** A percentile of a service's (or one span name's) duration over a window, above a threshold. */
export interface LatencyRule extends RuleBase {
  readonly type: 'latency'
  readonly service: string
  readonly span?: string
  readonly percentile: number
  readonly thresholdMs: number
  readonly windowMs: number
  /** Fewer spans than this in the window say nothing (1: a single slow span counts). */
  readonly minSpans: number
}

/**
 * A percentile of the queue delay of messages (from the send to the start of processing) over a
 * window, above a threshold: to a destination, on a hop between two services, or both.
 */
export interface QueueDelayRule extends RuleBase {
  readonly type: 'queue_delay'
  /** The queue, topic or exchange (`messaging.destination.name`). */
  readonly destination?: string
  /** The producing service. */
  readonly from?: string
  /** The consuming service. */
  readonly to?: string
  readonly percentile: number
  readonly thresholdMs: number
  readonly windowMs: number
  /** Fewer messages than this in the window say nothing. */
  readonly minMessages: number
}

/** The share of a service's spans with status error over a window, above a threshold. */
export interface ErrorRateRule extends RuleBase {
  readonly type: 'error_rate'
  readonly service: string
  readonly span?: string
  /** A share in [0, 1]. */
  readonly threshold: number
  readonly windowMs: number
  /** Fewer spans than this in the window say nothing, so three requests with one error do not page. */
  readonly minSpans: number
}

/** Journeys whose `after` stage was reached more than `within` ago without the `expect` stage. */
export interface StageSlaRule extends RuleBase {
  readonly type: 'stage_sla'
  readonly journey: string
  readonly after: string
  readonly expect: string
  readonly withinMs: number
  /** The business key that names one journey; defaults to the journey type's root key. */
  readonly key?: string
  /** Stages that exempt a journey: it took another branch (a shipped order is never picked up). */
  readonly unless: readonly string[]
  /** Span attributes one of the journey's stage spans must carry (`retail.fulfilment: pickup`). */
  readonly where: Readonly<Record<string, string>>
  /** How far back journeys are looked for; older ones age out of the alert. */
  readonly lookbackMs: number
}

/** The latest on-hand of one SKU at one location differs between systems beyond a tolerance. */
export interface InventoryMismatchRule extends RuleBase {
  readonly type: 'inventory_mismatch'
  /** Units of difference that are still agreement. */
  readonly tolerance: number
  /** Systems compared; empty compares every system that reports on-hand. */
  readonly systems: readonly string[]
  /** Readings older than this are not looked at. */
  readonly windowMs: number
}

/** Settlements batched more than `olderThan` ago and not posted to the ERP. */
export interface SettlementUnpostedRule extends RuleBase {
  readonly type: 'settlement_unposted'
  readonly olderThanMs: number
  /** The settlement journey type. */
  readonly journey: string
  /** The stage that starts the clock and the one that stops it; empty for the journey's `batched` and `erp_posted` stages, by role. */
  readonly after: string
  readonly expect: string
  readonly lookbackMs: number
}

/** Journeys that reached one stage and not the next, counted per group, above a maximum. */
export interface BacklogRule extends RuleBase {
  readonly type: 'backlog'
  readonly fromStage: string
  readonly toStage: string
  readonly maxPending: number
  readonly key?: string
  readonly lookbackMs: number
}

/** Journeys whose once-only stages were reached by more than one document in a window: double postings, double refunds. */
export interface DuplicateRule extends RuleBase {
  readonly type: 'duplicate'
  readonly journey: string
  /** One once-only stage; every once-only stage of the journey when absent. */
  readonly stage?: string
  /** How far back postings are looked at. */
  readonly windowMs: number
}

/** Dead letters left without a replay for longer than `olderThan`: to one destination, of one consuming service, or any. */
export interface DeadLetterUnreplayedRule extends RuleBase {
  readonly type: 'dead_letter_unreplayed'
  readonly olderThanMs: number
  /** The queue or topic (`messaging.destination.name`, or a RabbitMQ routing key). */
  readonly destination?: string
  /** The service whose consumer gave the message up. */
  readonly service?: string
  /** How far back dead letters are looked at; older ones age out of the alert. */
  readonly lookbackMs: number
}

/** One alert rule. */
export type AlertRule =
  | LatencyRule
  | QueueDelayRule
  | ErrorRateRule
  | StageSlaRule
  | InventoryMismatchRule
  | SettlementUnpostedRule
  | BacklogRule
  | DuplicateRule
  | DeadLetterUnreplayedRule

/** The rule types. */
export type RuleType = AlertRule['type']

/** A PagerDuty Events API v2 integration. */
export interface PagerDutyChannel {
  readonly name: string
  readonly type: 'pagerduty'
  readonly url: string
  readonly routingKey: string
}
/** A signed JSON webhook. */
export interface WebhookChannel {
  readonly name: string
  readonly type: 'webhook'
  readonly url: string
  readonly secret: string
}
/** A Slack incoming webhook. */
export interface SlackChannel {
  readonly name: string
  readonly type: 'slack'
  readonly url: string
}
/** An Opsgenie API integration. */
export interface OpsgenieChannel {
  readonly name: string
  readonly type: 'opsgenie'
  readonly url: string
  readonly apiKey: string
}

/** Where notifications go. */
export type ChannelConfig = PagerDutyChannel | WebhookChannel | SlackChannel | OpsgenieChannel

/** The channel types. */
export type ChannelType = ChannelConfig['type']

/** How a flapping alert is recognised: this many firings within the window. */
export interface FlapPolicy {
  readonly windowMs: number
  readonly threshold: number
}

/** The `alerts:` section as the platform runs it. */
export interface AlertsConfig {
  readonly intervalMs: number
  /** A firing alert is notified again this often while it lasts. */
  readonly repeatIntervalMs: number
  readonly flap: FlapPolicy
  /** The dashboard's public address for links in notifications; the listening address otherwise. */
  readonly dashboardUrl?: string
  readonly channels: readonly ChannelConfig[]
  readonly rules: readonly AlertRule[]
}

/** No rules and no channels: what runs when the config file has no `alerts:` section. */
export const NO_ALERTS: AlertsConfig = Object.freeze({
  intervalMs: 15_000,
  repeatIntervalMs: 4 * 3_600_000,
  flap: Object.freeze({ windowMs: 30 * 60_000, threshold: 4 }),
  channels: Object.freeze([]),
  rules: Object.freeze([]),
})
