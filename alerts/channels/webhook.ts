/**
 * A signed JSON webhook. The body names the dedup_key, the state, the rule, the group and the
 * impact; `x-throughline-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
 * lets the receiver check both the sender and the age of the request (Stripe's scheme).
 */
import { createHmac } from 'node:crypto'
import { impactLinks } from '../impact.ts'
import type { AlertNotification } from '../notification.ts'
import type { WebhookChannel } from '../rules.ts'
import { alertUrl, USER_AGENT, type Channel, type RequestContext } from './channel.ts'

/** The signature header's value for a body at a moment. */
export function webhookSignature(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')
  return `t=${unixSeconds},v1=${v1}`
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString())

/** The JSON a webhook receives. */
function webhookBody(notification: AlertNotification, context: RequestContext): Record<string, unknown> {
  const { alert } = notification
  const links = impactLinks(alert.impact)
  return {
    version: 1,
    idempotency_key: notification.id,
    dedup_key: notification.dedupKey,
    action: notification.action,
    state: alert.state,
    repeat: notification.repeat,
    tenant: notification.tenant,
    rule: alert.rule,
    type: alert.type,
    severity: alert.severity,
    group: alert.group,
    summary: alert.summary,
    value: alert.value,
    threshold: alert.threshold,
    active_since: iso(alert.activeSince),
    fired_at: iso(alert.firedAt),
    resolved_at: iso(alert.resolvedAt),
    flapping: alert.flapping,
    impact: alert.impact,
    links: {
      alert: alertUrl(context, notification.dedupKey),
      journeys: links.journeys.map((path) => `${context.dashboardUrl}${path}`),
      traces: links.traces.map((path) => `${context.dashboardUrl}${path}`),
    },
    decided_at: iso(notification.at),
  }
}

/** The webhook channel. */
export const webhook: Channel<WebhookChannel> = {
  request(channel, notification, context) {
    const body = JSON.stringify(webhookBody(notification, context))
    return {
      method: 'POST',
      url: channel.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'x-throughline-signature': webhookSignature(channel.secret, body, Math.floor(context.now / 1000)),
      },
      body,
    }
  },
}
