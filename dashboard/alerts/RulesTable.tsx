/**
 * Every alert rule with its state, the last figure of its worst group against its threshold, its
 * last hours as a sparkline, and where it pages. A rule opens to its chart and the history of
 * its alerts and their deliveries.
 */
import { Fragment, lazy, Suspense, useState } from 'react'
import type { AlertRuleValuesResponse, AlertsResponse } from '../../core/index.ts'
import { TrendPanel } from '../charts/TrendPanel.tsx'
import { formatCount } from '../format/number.ts'
import { AlertCard } from './AlertCard.tsx'
import { formatAlertValue } from './alertValues.ts'
import { ruleTrend } from './ruleTrend.ts'

const RuleSparkline = lazy(async () => ({ default: (await import('./RuleSparkline.tsx')).RuleSparkline }))
/** Columns of the table, for the row that opens under a rule. */
const COLUMNS = 8

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

/** Props of the rules table. */
export interface RulesTableProps {
  readonly answer: AlertsResponse
  /** The rules' values over the last hours, once loaded. */
  readonly values: AlertRuleValuesResponse | undefined
  readonly onChanged: () => void
}

/** The rules table. */
export function RulesTable({ answer, values, onChanged }: RulesTableProps) {
  const [open, setOpen] = useState<string>()
  return (
    <table className="data-table rules-table">
      <caption>
        {formatCount(answer.rules.length)} {answer.rules.length === 1 ? 'rule' : 'rules'}, evaluated every{' '}
        {Math.round(answer.intervalMs / 1000)} s; the last value is the worst group’s
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
          <th scope="col">Last 6 hours</th>
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
          const series = values?.rules.find((r) => r.rule === rule.name)
          const trend = series ? ruleTrend(series) : undefined
          const alerts = answer.alerts.filter((alert) => alert.rule === rule.name)
          const isOpen = open === rule.name
          return (
            <Fragment key={rule.name}>
              <tr data-rule={rule.name}>
                <th scope="row" className="mono">
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={isOpen}
                    onClick={() => setOpen(isOpen ? undefined : rule.name)}
                    title="Show this rule's chart and the history of its alerts"
                  >
                    {rule.name}
                  </button>
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
                <td>
                  {trend && trend.rows.length > 0 ? (
                    <Suspense fallback={null}>
                      <RuleSparkline rows={trend.rows} threshold={series!.threshold} />
                    </Suspense>
                  ) : (
                    <span className="muted">{values ? 'no data' : '…'}</span>
                  )}
                </td>
                <td>{rule.severity}</td>
                <td>{rule.channels.join(', ') || <span className="muted">none</span>}</td>
              </tr>
              {isOpen ? (
                <tr className="rule-details">
                  <td colSpan={COLUMNS}>
                    {trend && values ? (
                      <TrendPanel
                        title={`${rule.name}: the worst group's value, round by round, against the threshold`}
                        view={trend}
                        over={values}
                        axisLabel="value"
                        format={(value) => formatAlertValue(rule.type, value)}
                      />
                    ) : null}
                    <h3>Alerts of this rule</h3>
                    {alerts.length > 0 ? (
                      alerts.map((alert) => <AlertCard key={alert.dedupKey} alert={alert} onChanged={onChanged} />)
                    ) : (
                      <p className="muted">This rule has no alert, open or resolved, in what the platform keeps.</p>
                    )}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          )
        })}
      </tbody>
    </table>
  )
}
