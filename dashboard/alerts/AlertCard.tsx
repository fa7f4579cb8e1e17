/** One alert in full: what fired and for which group, its business impact, its history and every delivery attempt. */
import type { AlertView } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { formatDuration } from '../format/duration.ts'
import { Link } from '../router/Link.tsx'
import { groupLabel, impactLabel } from './alertText.ts'
import { formatAlertValue } from './alertValues.ts'
import { SilenceControl } from './SilenceControl.tsx'

const MAX_LINKS = 8
const MAX_HISTORY = 8

function Deliveries({ alert }: { readonly alert: AlertView }) {
  if (alert.deliveries.length === 0)
    return (
      <p className="muted">
        No notifications: {alert.notified === 'none' ? 'the rule has no channels, or nothing was sent yet' : 'none recorded'}.
      </p>
    )
  return (
    <table className="data-table compact">
      <caption>Notifications</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
        </tr>
      </thead>
      <tbody>
        {alert.deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>{delivery.channel}</td>
            <td>
              {delivery.action}{' '}
              <div className="cell-note">
                <Timestamp iso={delivery.createdAt} />
              </div>
            </td>
            <td>
              <span className={`badge badge-delivery-${delivery.status}`}>{delivery.status}</span>
            </td>
            <td>
              <ol className="attempts">
                {delivery.attempts.map((attempt) => (
                  <li key={attempt.attempt}>
                    #{attempt.attempt} <Timestamp iso={attempt.at} /> {attempt.outcome}
                    {attempt.httpStatus !== undefined ? ` (HTTP ${attempt.httpStatus})` : ''}, {formatDuration(attempt.durationMs)}
                    {attempt.error ? <span className="error-text"> {attempt.error}</span> : null}
                    {attempt.nextAttemptAt ? (
                      <span className="muted">
                        {' '}
                        · next <Timestamp iso={attempt.nextAttemptAt} />
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The card of one alert. */
export function AlertCard({ alert, onChanged }: { readonly alert: AlertView; readonly onChanged: () => void }) {
  const group = groupLabel(alert.group)
  const impact = impactLabel(alert.impact)
  // A re-fired alert keeps the time of its last resolve; only a resolved one is shown by it.
  const [lastLabel, lastAt] =
    alert.state === 'resolved' && alert.resolvedAt
      ? ['Resolved', alert.resolvedAt]
      : alert.state === 'firing' && alert.firedAt
        ? ['Fired', alert.firedAt]
        : ['Last evaluated', alert.lastEvaluatedAt]
  return (
    <article
      className={`card alert-card alert-card-${alert.state}`}
      id={`alert-${alert.dedupKey}`}
      aria-labelledby={`alert-title-${alert.dedupKey}`}
    >
      <header className="alert-card-head">
        <h2 id={`alert-title-${alert.dedupKey}`}>
          <span className={`badge badge-alert-${alert.state}`}>{alert.state}</span>{' '}
          <span className={`badge badge-sev-${alert.severity}`}>{alert.severity}</span> {alert.rule}
          {group ? <span className="muted"> · {group}</span> : null}
          {alert.flapping ? <span className="badge badge-problem-retried"> flapping</span> : null}
        </h2>
        <span className="muted mono" title="dedup_key, as the paging tools see it">
          {alert.dedupKey}
        </span>
      </header>
      <p className="alert-summary">{alert.summary}</p>
      <dl className="journey-facts">
        <div>
          <dt>Value / threshold</dt>
          <dd>
            {formatAlertValue(alert.type, alert.value)} / {formatAlertValue(alert.type, alert.threshold)}{' '}
            <span className="muted">({alert.type.replace('_', ' ')})</span>
          </dd>
        </div>
        <div>
          <dt>Active since</dt>
          <dd>
            <Timestamp iso={alert.activeSince} />
          </dd>
        </div>
        <div>
          <dt>{lastLabel}</dt>
          <dd>
            <Timestamp iso={lastAt} />
          </dd>
        </div>
        <div>
          <dt>Impact</dt>
          <dd>{impact || <span className="muted">none measured</span>}</dd>
        </div>
      </dl>
      {alert.links.journeys.length > 0 || alert.links.traces.length > 0 ? (
        <p className="alert-links">
          {alert.links.journeys.slice(0, MAX_LINKS).map((href) => (
            <Link key={href} to={href}>
              {decodeURIComponent(href.replace('/journeys/', '').replace('/', ' '))}
            </Link>
          ))}
          {alert.links.traces.slice(0, MAX_LINKS).map((href) => (
            <Link key={href} to={href} className="mono">
              trace {href.replace('/traces/', '').slice(0, 8)}
            </Link>
          ))}
        </p>
      ) : null}
      {alert.state === 'resolved' ? null : <SilenceControl alert={alert} onChanged={onChanged} />}
      <details>
        <summary>
          History ({alert.history.length}) and notifications ({alert.deliveries.length})
        </summary>
        <ol className="alert-history">
          {alert.history.slice(-MAX_HISTORY).map((entry, i) => (
            <li key={`${entry.at}-${i}`}>
              <Timestamp iso={entry.at} /> <span className={`badge badge-alert-${entry.state}`}>{entry.state}</span> value{' '}
              {formatAlertValue(alert.type, entry.value)}
              {entry.note ? <span className="muted"> · {entry.note}</span> : null}
            </li>
          ))}
        </ol>
        <Deliveries alert={alert} />
      </details>
    </article>
  )
}
