/** Money not in the books yet by how long it has waited: a bar per age band and currency. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { AgeBandsView } from './financeTrends.ts'
import { formatMoney } from './money.ts'

/** The bars of an age-band view. */
export function AgeBandsChart({ title, view }: { readonly title: string; readonly view: AgeBandsView }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...view.rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--grid)" />
          <XAxis dataKey="age" type="category" tick={{ fontSize: 12, fill: 'var(--muted)' }} />
          <YAxis
            tick={{ fontSize: 12, fill: 'var(--muted)' }}
            width={80}
            label={{
              value: 'amount',
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle', fontSize: 12, fill: 'var(--muted)' },
            }}
          />
          <Tooltip
            formatter={(value, name) => [formatMoney(Number(value), String(name)), name]}
            contentStyle={{ background: 'var(--surface)', borderColor: 'var(--border)', color: 'var(--text)' }}
          />
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12, paddingBottom: 6 }} />
          {view.currencies.map(({ currency, color }) => (
            <Bar key={currency} name={currency || 'no currency'} dataKey={currency} fill={color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}
