/** Absolute links from a notification back to the dashboard: the alert, its journeys, its traces. */
import { impactLinks } from '../impact.ts'
import type { AlertNotification } from '../notification.ts'
import { alertUrl, type RequestContext } from './channel.ts'

/** A link with a label. */
export interface Link {
  readonly href: string
  readonly text: string
}

/** The alert page first, then up to `limit` journeys and traces. */
export function dashboardLinks(notification: AlertNotification, context: RequestContext, limit = 5): Link[] {
  const { impact } = notification.alert
  const paths = impactLinks(impact, limit)
  return [
    { href: alertUrl(context, notification.dedupKey), text: `Alert ${notification.alert.rule} in Throughline` },
    ...paths.journeys.map((path, i) => ({
      href: `${context.dashboardUrl}${path}`,
      text: `Journey ${impact.journeys[i]!.type} ${impact.journeys[i]!.key}`,
    })),
    ...paths.traces.map((path, i) => ({ href: `${context.dashboardUrl}${path}`, text: `Trace ${impact.traces[i]!.slice(0, 8)}` })),
  ]
}
