/** The alerting series on /metrics: alerts firing and notifications sent or failed. */
import type { Counter, Gauge, MetricRegistry } from '../core/index.ts'

/** The alerting metrics, registered once per process. */
export interface AlertMetrics {
  readonly firing: Gauge
  readonly notificationsSent: Counter
  readonly notificationsFailed: Counter
}

/** Registers the alerting metrics. */
export function registerAlertMetrics(metrics: MetricRegistry): AlertMetrics {
  return {
    firing: metrics.gauge('throughline_alerts_firing', 'Alerts currently firing.'),
    notificationsSent: metrics.counter('throughline_notifications_sent_total', 'Notifications delivered to a channel.'),
    notificationsFailed: metrics.counter('throughline_notifications_failed_total', 'Notification delivery attempts that failed.'),
  }
}
