/**
 * `/alerts`: the alert rules' alerts, firing and pending first, then resolved, with their
 * business impact, history and notification attempts (an alert can be silenced from here); and
 * every rule with its state, its last value against its threshold and its last hours, opening to
 * its chart and the history of its alerts.
 */
import type { AlertLifecycleState, AlertRuleValuesResponse, AlertsResponse } from '../../core/index.ts'
import { AlertCard } from '../alerts/AlertCard.tsx'
import { RulesTable } from '../alerts/RulesTable.tsx'
import { alertsPath, alertValuesPath } from '../api/journeyPaths.ts'
import { usePolling } from '../api/usePolling.ts'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PollView } from '../components/PollView.tsx'
import { EmptyState } from '../components/StateViews.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { formatCount } from '../format/number.ts'
import { formatTimestamp } from '../format/time.ts'
import { hrefWith, queryValue } from '../filters/pageFilters.ts'
import { Link } from '../router/Link.tsx'
import type { AppLocation } from '../router/location.ts'

const STATES: readonly AlertLifecycleState[] = ['firing', 'pending', 'resolved']
/** The rules' last hours change slowly: a minute between reads. */
const RULE_VALUES_EVERY_MS = 60_000

/** The alerts page. */
export function AlertsPage({ location }: { readonly location: AppLocation }) {
  useDocumentTitle('Alerts')
  const poll = usePolling<AlertsResponse>(alertsPath())
  const values = usePolling<AlertRuleValuesResponse>(alertValuesPath(), RULE_VALUES_EVERY_MS)
  const raw = queryValue(location.query, 'state')
  const state = STATES.find((s) => s === raw)
  return (
    <>
      <PageHeading
        title="Alerts"
        subtitle="Rules from the alerts section of the config, evaluated against live spans and journeys."
        aside={<LiveStatus poll={poll} />}
      />
      <PollView poll={poll} what="the alerts">
        {(answer) => {
          const shown = answer.alerts.filter((a) => (state === undefined ? a.state !== 'resolved' : a.state === state))
          return (
            <>
              <nav className="segmented tabs" aria-label="Alert state">
                <Link to={hrefWith(location.pathname, location.query, { state: undefined })} current={state === undefined}>
                  Open ({formatCount(answer.counts.firing + answer.counts.pending)})
                </Link>
                {STATES.map((s) => (
                  <Link key={s} to={hrefWith(location.pathname, location.query, { state: s })} current={state === s}>
                    {s} ({formatCount(answer.counts[s])})
                  </Link>
                ))}
              </nav>
              <p className="muted">
                {answer.rules.length === 0 ? 'No rules configured. ' : null}
                {answer.evaluatedAt ? `Last evaluated at ${formatTimestamp(answer.evaluatedAt)}.` : 'Not evaluated yet.'}
              </p>
              {shown.length === 0 ? (
                <EmptyState title={state === undefined ? 'No alert is firing or pending.' : `No ${state} alerts.`}>
                  {answer.rules.length === 0 ? <p>Add rules under alerts: in throughline.yaml (see throughline.example.yaml).</p> : null}
                </EmptyState>
              ) : (
                shown.map((alert) => <AlertCard key={alert.dedupKey} alert={alert} onChanged={poll.refresh} />)
              )}
              {answer.rules.length > 0 ? (
                <section className="card scroll-x" aria-labelledby="rules-title">
                  <h2 id="rules-title">Rules</h2>
                  <RulesTable answer={answer} values={values.data} onChanged={poll.refresh} />
                </section>
              ) : null}
            </>
          )
        }}
      </PollView>
    </>
  )
}
