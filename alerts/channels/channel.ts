/**
 * A notification channel turns an alert notification into one HTTP request for its tool. Pure:
 * the request is built here and sent by the delivery worker, so every tool's shape is tested
 * without a network, and signing uses the time of the attempt, not of the decision.
 */
import type { AlertNotification } from '../notification.ts'
import type { ChannelConfig } from '../rules.ts'

/** An HTTP request ready to send. */
export interface HttpRequest {
  readonly method: 'POST'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What a request needs besides the channel and the notification. */
export interface RequestContext {
  /** The dashboard's base URL, without a trailing slash, for links back. */
  readonly dashboardUrl: string
  /** The attempt's time, epoch milliseconds. */
  readonly now: number
}

/** One channel type. */
export interface Channel<C extends ChannelConfig> {
  request(channel: C, notification: AlertNotification, context: RequestContext): HttpRequest
}

/** The user agent every channel sends. */
export const USER_AGENT = 'throughline-alerts/0.1'

/** The dashboard page of one alert: the alerts page, scrolled to its card. */
export function alertUrl(context: RequestContext, dedupKey: string): string {
  return `${context.dashboardUrl}/alerts#alert-${encodeURIComponent(dedupKey)}`
}

/** `store S01, channel web`, or empty for an ungrouped alert. */
export function groupLabel(group: Readonly<Record<string, string>>): string {
  return Object.entries(group)
    .map(([key, value]) => `${key.replace(/^retail\./, '').replace(/\.id$/, '')} ${value || '(none)'}`)
    .join(', ')
}

/** Cuts text to a tool's limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
