/**
 * Opsgenie's Alert API: a trigger creates an alert whose `alias` is the dedup_key (Opsgenie
 * keeps one open alert per alias and counts repeats), a resolve closes it by that alias:
 * `POST <url>/<alias>/close?identifierType=alias`.
 */
import { describeImpact } from '../impact.ts'
import type { AlertNotification } from '../notification.ts'
import type { OpsgenieChannel, Severity } from '../rules.ts'
import { alertUrl, groupLabel, truncate, USER_AGENT, type Channel, type RequestContext } from './channel.ts'
import { dashboardLinks } from './links.ts'

const PRIORITY: Readonly<Record<Severity, string>> = { critical: 'P1', error: 'P2', warning: 'P3', info: 'P5' }

/** The create-alert body for a trigger. */
function opsgenieAlert(notification: AlertNotification, context: RequestContext): Record<string, unknown> {
  const { alert } = notification
  const links = dashboardLinks(notification, context)
  const details: Record<string, string> = {
    tenant: notification.tenant,
    rule: alert.rule,
    value: String(alert.value),
    threshold: String(alert.threshold),
    impact: describeImpact(alert.impact),
    dashboard: alertUrl(context, notification.dedupKey),
  }
  for (const [key, value] of Object.entries(alert.group)) details[key] = value
  return {
    message: truncate(`[${alert.rule}] ${alert.summary}`, 130),
    alias: notification.dedupKey,
    description: truncate([alert.summary, '', ...links.map((link) => `${link.text}: ${link.href}`)].join('\n'), 15000),
    priority: PRIORITY[alert.severity],
    source: 'Throughline',
    entity: truncate(groupLabel(alert.group) || alert.rule, 512),
    tags: [alert.type, alert.severity, `tenant:${notification.tenant}`],
    details,
  }
}

/** The Opsgenie channel. */
export const opsgenie: Channel<OpsgenieChannel> = {
  request(channel, notification, context) {
    const headers = { 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: `GenieKey ${channel.apiKey}` }
    if (notification.action === 'resolve') {
      return {
        method: 'POST',
        url: `${channel.url.replace(/\/+$/, '')}/${encodeURIComponent(notification.dedupKey)}/close?identifierType=alias`,
        headers,
        body: JSON.stringify({ source: 'Throughline', note: truncate(`Resolved: ${notification.alert.summary}`, 25000) }),
      }
    }
    return { method: 'POST', url: channel.url, headers, body: JSON.stringify(opsgenieAlert(notification, context)) }
  },
}
