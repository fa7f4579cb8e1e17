import { describe, expect, it } from 'vitest'
import type { SearchResponse, SpanSummary } from '../../core/index.ts'
import { journeyTypesOf } from './journeyTypesOf.ts'

const span = (stage: string): SpanSummary => ({ traceId: 't', spanId: 's', name: stage, service: 'oms', system: 'oms', stage, startTime: '', durationMs: 1, statusCode: 'ok' })
const search = (stages: string[]): SearchResponse => ({ key: 'retail.order.id', value: 'A1', traces: [], spans: stages.map(span) })

describe('journeyTypesOf', () => {
  it('finds the journey types whose stages the key\'s spans marked', () => {
    expect(journeyTypesOf('retail.order.id', search(['order.placed', '', 'order.invoiced']))).toEqual(['order'])
    expect(journeyTypesOf('retail.order.id', search(['sale.completed']))).toEqual(['sale'])
  })

  it('finds none for a key that roots no journey, or before the search answers', () => {
    expect(journeyTypesOf('retail.payment.id', search(['order.payment_authorized']))).toEqual([])
    expect(journeyTypesOf('retail.order.id', undefined)).toEqual([])
  })
})
