/**
 * A Slack incoming webhook with Block Kit blocks: a header with the state and rule, the summary,
 * the impact as fields, and buttons back to the alert and its first journeys. `text` is the
 * fallback that notifications and old clients show.
 */
import { describeImpact } from '../impact.ts'
import type { AlertNotification } from '../notification.ts'
import type { SlackChannel } from '../rules.ts'
import { groupLabel, truncate, USER_AGENT, type Channel, type RequestContext } from './channel.ts'
import { dashboardLinks } from './links.ts'

/**
 * Text from spans (a store id, a summary naming one) as Slack mrkdwn shows it literally: Slack
 * reads `<...>` as a link or a mention and `&` as an entity, so a store id of
 * `<!channel>` would page a whole channel.
 */
function mrkdwnText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const MARK: Readonly<Record<string, string>> = {
  critical: ':red_circle:',
  error: ':large_orange_circle:',
  warning: ':large_yellow_circle:',
  info: ':large_blue_circle:',
}

/** The Slack message for a notification. */
function slackMessage(notification: AlertNotification, context: RequestContext): Record<string, unknown> {
  const { alert } = notification
  const resolved = notification.action === 'resolve'
  const title = `${resolved ? ':white_check_mark: Resolved' : `${MARK[alert.severity] ?? ''} ${notification.repeat ? 'Still firing' : 'Firing'}`}: ${alert.rule}`
  const fields = [
    `*Severity*\n${alert.severity}`,
    `*Impact*\n${mrkdwnText(describeImpact(alert.impact))}`,
    ...(Object.keys(alert.group).length > 0 ? [`*Where*\n${mrkdwnText(groupLabel(alert.group))}`] : []),
    `*Since*\n<!date^${Math.floor(alert.activeSince / 1000)}^{date_short_pretty} {time}|${new Date(alert.activeSince).toISOString()}>`,
  ]
  const buttons = dashboardLinks(notification, context, 2)
    .slice(0, 3)
    .map((link, i) => ({
      type: 'button',
      text: { type: 'plain_text', text: truncate(link.text, 75) },
      url: link.href,
      ...(i === 0 ? { style: resolved ? 'primary' : 'danger' } : {}),
    }))
  return {
    text: truncate(`${title} (${mrkdwnText(alert.summary)})`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title.replace(/:[a-z_]+: ?/g, ''), 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwnText(alert.summary), 3000) } },
      { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })) },
      { type: 'actions', elements: buttons },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `dedup_key \`${notification.dedupKey}\` · tenant ${mrkdwnText(notification.tenant)}` }],
      },
    ],
  }
}

/** The Slack channel. */
export const slack: Channel<SlackChannel> = {
  request(channel, notification, context) {
    return {
      method: 'POST',
      url: channel.url,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
      body: JSON.stringify(slackMessage(notification, context)),
    }
  },
}
