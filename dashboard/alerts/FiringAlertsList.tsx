/** The alerts that fire or are about to, in short: severity, rule, what it is about, since when. */
import type { AlertView } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { Link } from '../router/Link.tsx'
import { groupLabel } from './alertText.ts'

/** A compact list of alerts, each linking to its card on `/alerts`. */
export function FiringAlertsList({ alerts }: { readonly alerts: readonly AlertView[] }) {
  return (
    <ul className="alert-list">
      {alerts.map((alert) => (
        <li key={alert.dedupKey}>
          <span className={`badge badge-alert-${alert.state}`}>{alert.state}</span>{' '}
          <span className={`badge badge-sev-${alert.severity}`}>{alert.severity}</span>{' '}
          <Link to={`/alerts#alert-${alert.dedupKey}`}>
            <strong>{alert.rule}</strong>
          </Link>
          {groupLabel(alert.group) ? <span className="muted"> · {groupLabel(alert.group)}</span> : null}
          <div className="cell-note">
            {alert.summary} · since <Timestamp iso={alert.activeSince} />
          </div>
        </li>
      ))}
    </ul>
  )
}
