/** Every alert rule with its state, the last figure of its worst group against its threshold, and where it pages. */
import type { AlertsResponse } from '../../core/index.ts'
import { formatCount } from '../format/number.ts'
import { formatAlertValue } from './alertValues.ts'

/** A rule's state from its open alerts and its last round: failing to evaluate, firing, pending, breaching, or quiet. */
function ruleState(
  rule: AlertsResponse['rules'][number],
  alerts: AlertsResponse['alerts'],
): { readonly label: string; readonly badge: string } {
  const open = alerts.filter((alert) => alert.rule === rule.name)
  const firing = open.filter((alert) => alert.state === 'firing').length
  if (rule.error !== undefined) return { label: 'cannot evaluate', badge: 'alert-firing' }
  if (firing > 0) return { label: `firing ×${firing}`, badge: 'alert-firing' }
  if (open.some((alert) => alert.state === 'pending')) return { label: 'pending', badge: 'alert-pending' }
  if (rule.breaching > 0) return { label: 'breaching', badge: 'alert-pending' }
  return { label: 'ok', badge: 'alert-resolved' }
}

/** The rules table. */
export function RulesTable({ answer }: { readonly answer: AlertsResponse }) {
  return (
    <table className="data-table rules-table">
      <caption>
        {formatCount(answer.rules.length)} rules, evaluated every {Math.round(answer.intervalMs / 1000)} s; the last value is the worst
        group’s
      </caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Type</th>
          <th scope="col">State</th>
          <th scope="col" className="num">
            Last value
          </th>
          <th scope="col" className="num">
            Threshold
          </th>
          <th scope="col">Severity</th>
          <th scope="col">Channels</th>
        </tr>
      </thead>
      <tbody>
        {answer.rules.map((rule) => {
          const state = ruleState(rule, answer.alerts)
          const group = Object.entries(rule.group ?? {})
            .map(([key, value]) => `${key.replace(/^retail\./, '')} ${value || '(none)'}`)
            .join(', ')
          return (
            <tr key={rule.name} data-rule={rule.name}>
              <th scope="row" className="mono">
                {rule.name}
              </th>
              <td className="mono">{rule.type}</td>
              <td>
                <span className={`badge badge-${state.badge}`}>{state.label}</span>
                {rule.error ? <div className="cell-note error-text">{rule.error}</div> : null}
              </td>
              <td className="num">
                {rule.value !== undefined ? formatAlertValue(rule.type, rule.value) : <span className="muted">no data</span>}
                {group ? <div className="cell-note">{group}</div> : null}
              </td>
              <td className="num">{formatAlertValue(rule.type, rule.threshold)}</td>
              <td>{rule.severity}</td>
              <td>{rule.channels.join(', ') || <span className="muted">none</span>}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
