/** A rule's values round by round as chart rows: its worst group's value and its threshold per bucket. */
import type { AlertRuleValuesResponse } from '../../core/index.ts'
import type { TrendView } from '../charts/TrendPanel.tsx'

/** The value line and the threshold, dashed, of one rule. */
export function ruleTrend(rule: AlertRuleValuesResponse['rules'][number]): TrendView {
  return {
    series: [
      { key: 'value', label: 'worst group', kind: 'line', color: 'var(--accent)' },
      { key: 'threshold', label: 'threshold', kind: 'line', color: 'var(--error)', dashed: true },
    ],
    rows: rule.points.map((point) => ({ at: Date.parse(point.at), value: point.value, threshold: rule.threshold })),
  }
}
