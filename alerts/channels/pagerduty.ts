/**
 * PagerDuty Events API v2: `trigger` opens (or adds to) the incident of a dedup_key, `resolve`
 * closes it. The summary is the page's title; custom_details carry the business impact, and
 * links lead back to the alert, its journeys and its traces.
 */
import type { AlertNotification } from '../notification.ts'
import type { PagerDutyChannel } from '../rules.ts'
import { alertUrl, groupLabel, truncate, USER_AGENT, type Channel, type RequestContext } from './channel.ts'
import { dashboardLinks } from './links.ts'

/** The Events API v2 body for a notification. */
function pagerDutyEvent(channel: PagerDutyChannel, notification: AlertNotification, context: RequestContext): Record<string, unknown> {
  if (notification.action === 'resolve') {
    return { routing_key: channel.routingKey, event_action: 'resolve', dedup_key: notification.dedupKey }
  }
  const { alert } = notification
  const group = groupLabel(alert.group)
  return {
    routing_key: channel.routingKey,
    event_action: 'trigger',
    dedup_key: notification.dedupKey,
    payload: {
      summary: truncate(`[${alert.rule}] ${alert.summary}`, 1024),
      source: `throughline/${notification.tenant}`,
      severity: alert.severity,
      timestamp: new Date(alert.firedAt ?? notification.at).toISOString(),
      component: alert.rule,
      ...(group ? { group } : {}),
      class: alert.type,
      custom_details: {
        tenant: notification.tenant,
        rule: alert.rule,
        group: alert.group,
        value: alert.value,
        threshold: alert.threshold,
        impact: alert.impact,
        flapping: alert.flapping,
      },
    },
    links: dashboardLinks(notification, context),
    client: 'Throughline',
    client_url: alertUrl(context, notification.dedupKey),
  }
}

/** The PagerDuty channel. */
export const pagerduty: Channel<PagerDutyChannel> = {
  request(channel, notification, context) {
    return {
      method: 'POST',
      url: channel.url,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: JSON.stringify(pagerDutyEvent(channel, notification, context)),
    }
  },
}
