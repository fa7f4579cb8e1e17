import { context, defaultTextMapSetter, propagation, trace, TraceFlags } from '@opentelemetry/api'
import { describe, expect, it, vi } from 'vitest'
import { propagatorNames, textMapPropagator } from './propagators.ts'

const TRACE_ID = '5b8efff798038103d269b633813fc60c'
const SPAN_ID = 'eee19b7ec3c1b174'

/** The headers a propagator writes for a sampled span with one business key in baggage. */
function headersOf(value: string | undefined): Record<string, string> {
  const active = trace.setSpanContext(
    propagation.setBaggage(context.active(), propagation.createBaggage({ 'retail.order.id': { value: 'A1' } })),
    { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED },
  )
  const headers: Record<string, string> = {}
  textMapPropagator(propagatorNames(value), false).inject(active, headers, defaultTextMapSetter)
  return headers
}

describe('propagators', () => {
  it('write W3C trace context and baggage unless OTEL_PROPAGATORS says otherwise', () => {
    expect(headersOf(undefined)).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, baggage: 'retail.order.id=A1' })
  })

  it('write B3 in one header or in several, for older Spring estates, beside the others named', () => {
    expect(headersOf('b3,baggage')).toEqual({ b3: `${TRACE_ID}-${SPAN_ID}-1`, baggage: 'retail.order.id=A1' })
    expect(headersOf('B3MULTI')).toMatchObject({ 'x-b3-traceid': TRACE_ID, 'x-b3-spanid': SPAN_ID, 'x-b3-sampled': '1' })
  })

  it('write nothing for none, and leave out a name they do not know with a warning', () => {
    expect(headersOf('none')).toEqual({})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(propagatorNames('tracecontext,xray')).toEqual(['tracecontext'])
    expect(String(warn.mock.calls[0]?.[0])).toContain('xray')
    warn.mockRestore()
  })
})
