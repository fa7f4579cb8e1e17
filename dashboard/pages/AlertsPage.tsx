/** `/alerts`: alerts and their history (planned). */
import { PlannedPage } from '../components/PlannedPage.tsx'

/** The alerts page. */
export function AlertsPage() {
  return (
    <PlannedPage
      title="Alerts"
      audience="Rules from the alerts section of throughline.yaml, evaluated against live spans and journeys."
      plans={[
        'alerts that are firing, pending or resolved, with the group they fired for (a store, a service)',
        'each alert’s history, and every notification sent to PagerDuty, Opsgenie, Slack or a webhook',
      ]}
      meanwhile={[
        { to: '/', label: 'Overview', why: 'error counts and p95 latency per service in the last hour' },
        { to: '/journeys', label: 'Journeys', why: 'look into the order, settlement or promotion an alert is about' },
      ]}
    />
  )
}
