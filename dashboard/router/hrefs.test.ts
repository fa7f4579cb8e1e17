import { describe, expect, it } from 'vitest'
import { journeyHref, journeyListHref, searchHref, spanHash, spanIdFromHash, traceHref } from './hrefs.ts'

describe('page links', () => {
  it('links a trace, and a span inside it through the hash', () => {
    expect(traceHref('abc123')).toBe('/traces/abc123')
    expect(traceHref('abc123', 'def456')).toBe('/traces/abc123#span-def456')
  })

  it('links a business-key search with both parts escaped', () => {
    expect(searchHref('retail.order.id', 'A 1&b=2')).toBe('/journeys?key=retail.order.id&value=A+1%26b%3D2')
  })

  it('links the journey list by type and status, keeping the shared filters', () => {
    expect(journeyListHref({ type: 'order', status: 'late' }, '?range=6h')).toBe('/journeys?range=6h&type=order&status=late')
    expect(journeyListHref({})).toBe('/journeys')
  })

  it('links a journey with an escaped key', () => {
    expect(journeyHref('order', 'A/1')).toBe('/journeys/order/A%2F1')
  })
})

describe('spanIdFromHash', () => {
  it('reads back the span a link selected', () => {
    expect(spanIdFromHash(spanHash('def456'))).toBe('def456')
  })

  it('ignores other hashes', () => {
    expect(spanIdFromHash('')).toBeUndefined()
    expect(spanIdFromHash('#top')).toBeUndefined()
    expect(spanIdFromHash('#span-')).toBeUndefined()
    expect(spanIdFromHash('#span-%E0%A4%A')).toBeUndefined()
  })
})
