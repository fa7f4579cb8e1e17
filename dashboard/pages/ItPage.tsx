/** `/it`: the integration view for IT teams (planned). */
import { PlannedPage } from '../components/PlannedPage.tsx'

/** The IT page. */
export function ItPage() {
  return (
    <PlannedPage
      title="IT"
      audience="For the teams who run the integrations between systems."
      plans={[
        'the integration map: which systems call or message which, with volumes',
        'latency (p50, p95, p99) and error rates per integration and per span',
        <>
          failed and retried messages (<span className="mono">retail.retry.attempt</span>) and dead letters (
          <span className="mono">retail.dead_letter</span>)
        </>,
      ]}
      meanwhile={[
        { to: '/', label: 'Overview', why: 'spans, errors and p95 latency per service in the last hour' },
        { to: '/journeys', label: 'Journeys', why: 'every trace and span of one order, return, settlement or promotion' },
      ]}
    />
  )
}
