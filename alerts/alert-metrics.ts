/** The alerting series on /metrics: alerts firing and notifications sent or failed. */
import { counter, gauge, type Counter, type Gauge, type MetricRegistry } from '../telemetry/index.ts'

const NOTIFICATION_LABELS = ['channel', 'type'] as const
type NotificationLabel = (typeof NOTIFICATION_LABELS)[number]

/** The alerting metrics, registered once per process. */
export interface AlertMetrics {
  readonly firing: Gauge
  readonly notificationsSent: Counter<NotificationLabel>
  readonly notificationsFailed: Counter<NotificationLabel>
}

/** Registers the alerting metrics. */
export function registerAlertMetrics(metrics: MetricRegistry): AlertMetrics {
  return {
    firing: gauge(metrics, { name: 'throughline_alerts_firing', help: 'Alerts currently firing.' }),
    notificationsSent: counter(metrics, {
      name: 'throughline_notifications_sent_total',
      help: 'Notifications delivered to a channel.',
      labelNames: NOTIFICATION_LABELS,
    }),
    notificationsFailed: counter(metrics, {
      name: 'throughline_notifications_failed_total',
      help: 'Notification delivery attempts that failed.',
      labelNames: NOTIFICATION_LABELS,
    }),
  }
}
