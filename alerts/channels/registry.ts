/** Every channel type, keyed by its name: adding a type means one entry here and one case below. */
import type { AlertNotification } from '../notification.ts'
import type { ChannelConfig, ChannelType } from '../rules.ts'
import type { Channel, HttpRequest, RequestContext } from './channel.ts'
import { opsgenie } from './opsgenie.ts'
import { pagerduty } from './pagerduty.ts'
import { slack } from './slack.ts'
import { webhook } from './webhook.ts'

/** The channel registry. */
export const NOTIFICATION_CHANNELS: { readonly [T in ChannelType]: Channel<Extract<ChannelConfig, { type: T }>> } = {
  pagerduty,
  webhook,
  slack,
  opsgenie,
}

/**
 * The request a configured channel sends for a notification. Every one carries the decision's
 * id as `idempotency-key`, the same on every retry, so a receiver that saw it already can tell.
 */
export function channelRequest(channel: ChannelConfig, notification: AlertNotification, context: RequestContext): HttpRequest {
  const request = typedRequest(channel, notification, context)
  return { ...request, headers: { ...request.headers, 'idempotency-key': notification.id } }
}

function typedRequest(channel: ChannelConfig, notification: AlertNotification, context: RequestContext): HttpRequest {
  switch (channel.type) {
    case 'pagerduty':
      return NOTIFICATION_CHANNELS.pagerduty.request(channel, notification, context)
    case 'webhook':
      return NOTIFICATION_CHANNELS.webhook.request(channel, notification, context)
    case 'slack':
      return NOTIFICATION_CHANNELS.slack.request(channel, notification, context)
    case 'opsgenie':
      return NOTIFICATION_CHANNELS.opsgenie.request(channel, notification, context)
  }
}
