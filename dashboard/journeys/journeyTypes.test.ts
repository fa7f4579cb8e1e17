import { describe, expect, it } from 'vitest'
import type { JourneyTypeView, SearchResponse, SpanSummary } from '../../core/index.ts'
import { journeyTypesOf, rootKeyOf, typesRootedOn } from './journeyTypes.ts'

const stages = (...names: string[]) => names.map((name) => ({ name, after: [], slaMs: 1000 }))
const TYPES: JourneyTypeView[] = [
  { type: 'order', rootKey: 'retail.order.id', linkedKeys: [], stages: stages('order.placed', 'order.invoiced') },
  { type: 'sale', rootKey: 'retail.order.id', linkedKeys: [], stages: stages('sale.completed') },
  // A type only the config file defines.
  { type: 'transfer', rootKey: 'retail.transfer.id', linkedKeys: [], stages: stages('transfer.requested', 'transfer.received') },
]
const span = (stage: string): SpanSummary => ({
  traceId: 't',
  spanId: 's',
  name: stage,
  service: 'oms',
  system: 'oms',
  stage,
  startTime: '',
  durationMs: 1,
  statusCode: 'ok',
})
const search = (key: string, found: string[]): SearchResponse => ({ key, value: 'A1', traces: [], spans: found.map(span) })

describe('journey types', () => {
  it('root each type on the key the API says, a configured one too, and know no other type', () => {
    expect(rootKeyOf(TYPES, 'sale')).toBe('retail.order.id')
    expect(rootKeyOf(TYPES, 'transfer')).toBe('retail.transfer.id')
    expect(rootKeyOf(TYPES, 'constructor')).toBeUndefined()
    expect(typesRootedOn(TYPES, 'retail.order.id')).toEqual(['order', 'sale'])
  })

  it("find the types whose stages the key's spans marked", () => {
    expect(journeyTypesOf(TYPES, 'retail.order.id', search('retail.order.id', ['order.placed', '', 'order.invoiced']))).toEqual(['order'])
    expect(journeyTypesOf(TYPES, 'retail.order.id', search('retail.order.id', ['sale.completed']))).toEqual(['sale'])
    expect(journeyTypesOf(TYPES, 'retail.transfer.id', search('retail.transfer.id', ['transfer.received']))).toEqual(['transfer'])
  })

  it('find none for a key that roots no journey, or before the search answers', () => {
    expect(journeyTypesOf(TYPES, 'retail.payment.id', search('retail.payment.id', ['order.placed']))).toEqual([])
    expect(journeyTypesOf(TYPES, 'retail.order.id', undefined)).toEqual([])
  })
})
