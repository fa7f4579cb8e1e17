/** The alerts API's JSON shapes, shared by the server and the dashboard's /alerts page. */

/** Where an alert is in its life. */
export type AlertLifecycleState = 'pending' | 'firing' | 'resolved'

/** One attempt to deliver a notification to a channel. */
export interface AlertDeliveryAttemptView {
  readonly attempt: number
  readonly at: string
  readonly outcome: 'delivered' | 'retry' | 'failed'
  readonly httpStatus?: number
  readonly error?: string
  readonly durationMs: number
  readonly nextAttemptAt?: string
}

/** One notification to one channel, and how its delivery went. */
export interface AlertDeliveryView {
  readonly id: string
  readonly channel: string
  readonly action: 'trigger' | 'resolve'
  readonly status: 'pending' | 'delivered' | 'failed'
  readonly createdAt: string
  readonly attempts: readonly AlertDeliveryAttemptView[]
}

/** What an alert costs the business. */
export interface AlertImpactView {
  readonly count: number
  readonly unit: string
  readonly amount: number
  readonly currency: string
  readonly stores: readonly string[]
  readonly journeys: readonly { readonly type: string; readonly key: string }[]
  readonly traces: readonly string[]
  readonly details: Readonly<Record<string, string | number>>
}

/** One alert with its history and deliveries. */
export interface AlertView {
  readonly dedupKey: string
  readonly rule: string
  readonly type: string
  readonly severity: 'critical' | 'error' | 'warning' | 'info'
  readonly state: AlertLifecycleState
  readonly group: Readonly<Record<string, string>>
  readonly value: number
  readonly threshold: number
  readonly summary: string
  readonly impact: AlertImpactView
  /** Dashboard paths: `/journeys/<type>/<key>`, `/traces/<id>`. */
  readonly links: { readonly journeys: readonly string[]; readonly traces: readonly string[] }
  readonly activeSince: string
  readonly firedAt?: string
  readonly resolvedAt?: string
  readonly lastEvaluatedAt: string
  readonly flapping: boolean
  readonly silence?: { readonly until: string; readonly reason: string }
  /** The last thing the paging tools were told. */
  readonly notified: 'none' | 'trigger' | 'resolve'
  readonly history: readonly { readonly at: string; readonly state: AlertLifecycleState; readonly value: number; readonly note?: string }[]
  readonly deliveries: readonly AlertDeliveryView[]
}

/** `GET /api/alerts?state=`: the tenant's alerts, most urgent first, and the rules behind them. */
export interface AlertsResponse {
  readonly evaluatedAt?: string
  readonly intervalMs: number
  readonly counts: Readonly<Record<AlertLifecycleState, number>>
  readonly rules: readonly { readonly name: string; readonly type: string; readonly severity: string; readonly channels: readonly string[] }[]
  readonly alerts: readonly AlertView[]
}
