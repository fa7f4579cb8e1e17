/** A rule's last hours in a table cell: its worst group's value as a line, the threshold as a dashed one. */
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts'
import type { TrendRow } from '../charts/trendSeries.ts'

/** The sparkline; the cell's text says what it shows. */
export function RuleSparkline({ rows, threshold }: { readonly rows: readonly TrendRow[]; readonly threshold: number }) {
  const top = Math.max(threshold, ...rows.map((row) => row.value ?? 0))
  return (
    <LineChart
      width={140}
      height={32}
      data={[...rows]}
      margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      aria-hidden="true"
      accessibilityLayer={false}
    >
      <YAxis hide domain={[0, top * 1.1 || 1]} />
      <ReferenceLine y={threshold} stroke="var(--error)" strokeDasharray="3 3" />
      <Line dataKey="value" stroke="var(--accent)" strokeWidth={1.5} dot={false} isAnimationActive={false} />
    </LineChart>
  )
}
