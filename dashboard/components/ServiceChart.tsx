/** Spans and errors per service over the last hour, as grouped bars. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { OverviewResponse } from '../../core/index.ts'
import { formatCount } from '../format/number.ts'

/** The colours of the two series; errors use the same red as error marks everywhere else. */
const SPANS_COLOR = '#4e79a7'
const ERRORS_COLOR = '#c62828'
const AXIS_LABEL = { angle: -90, style: { textAnchor: 'middle', fontSize: 12 } } as const

/**
 * A bar chart of spans and errors per service. Errors have their own axis on the right: on the
 * spans' scale a handful of errors would be a flat line, and the errors are what a reader hunts for.
 */
export function ServiceChart({ services }: { readonly services: OverviewResponse['services'] }) {
  const data = services.map((s) => ({ service: s.service, spans: s.spans, errors: s.errors }))
  return (
    <figure className="chart">
      <figcaption>Spans and errors per service, last hour</figcaption>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="service" interval={0} angle={-25} textAnchor="end" height={70} tick={{ fontSize: 12 }} />
          <YAxis
            yAxisId="spans"
            allowDecimals={false}
            tickFormatter={(value: number) => formatCount(value)}
            tick={{ fontSize: 12 }}
            width={72}
            label={{ ...AXIS_LABEL, value: 'spans per hour', position: 'insideLeft', fill: SPANS_COLOR }}
          />
          <YAxis
            yAxisId="errors"
            orientation="right"
            allowDecimals={false}
            tickFormatter={(value: number) => formatCount(value)}
            tick={{ fontSize: 12, fill: ERRORS_COLOR }}
            width={64}
            label={{ ...AXIS_LABEL, angle: 90, value: 'errors per hour', position: 'insideRight', fill: ERRORS_COLOR }}
          />
          <Tooltip formatter={(value, name) => [`${formatCount(Number(value))} per hour`, name]} />
          <Legend verticalAlign="top" height={28} itemSorter={null} />
          <Bar yAxisId="spans" dataKey="spans" name="Spans (left axis)" fill={SPANS_COLOR} isAnimationActive={false} />
          <Bar yAxisId="errors" dataKey="errors" name="Errors (right axis)" fill={ERRORS_COLOR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  )
}
