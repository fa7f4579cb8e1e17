/** Log records in a list: when, severity, where from, and the line itself, with a link to its trace. */
import type { ApiLog } from '../../core/index.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { Link } from '../router/Link.tsx'
import { traceHref } from '../router/hrefs.ts'
import { severityBadge, severityLabel } from './severity.ts'

/** Props of a log list. */
export interface LogListProps {
  readonly logs: readonly ApiLog[]
  readonly caption: string
  /** Whether each record names its service and links to its trace (off inside a trace's own view). */
  readonly showSource?: boolean
  readonly empty: string
}

/** The records as a table, in the order given. */
export function LogList({ logs, caption, showSource = true, empty }: LogListProps) {
  if (logs.length === 0) return <p className="muted">{empty}</p>
  return (
    <table className="data-table log-list">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Severity</th>
          {showSource ? <th scope="col">Service</th> : null}
          <th scope="col">Line</th>
          {showSource ? <th scope="col">Trace</th> : null}
        </tr>
      </thead>
      <tbody>
        {logs.map((log) => (
          <tr key={log.logId} className={log.severityNumber >= 17 ? 'row-error' : undefined}>
            <td className="nowrap">
              <Timestamp iso={log.time} />
            </td>
            <td>
              <span className={`badge ${severityBadge(log.severityNumber)}`}>{severityLabel(log.severityNumber, log.severityText)}</span>
            </td>
            {showSource ? <td>{log.system ? `${log.service} · ${log.system}` : log.service}</td> : null}
            <td className="log-body">
              {log.stage ? <span className="stage">{log.stage}</span> : null} {log.body}
            </td>
            {showSource ? (
              <td className="mono">
                {log.traceId === '' ? (
                  <span className="muted">no trace</span>
                ) : (
                  <Link to={traceHref(log.traceId, log.spanId || undefined)}>{log.traceId.slice(0, 8)}</Link>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
