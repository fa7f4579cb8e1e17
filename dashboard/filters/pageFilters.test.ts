import { describe, expect, it } from 'vitest'
import { hrefWith, queryValue, readPageFilters, sharedQuery } from './pageFilters.ts'

describe('page filters', () => {
  it('reads the range and the context filters, ignoring blanks', () => {
    expect(readPageFilters(new URLSearchParams('range=6h&store=store-007&channel=pos&region='))).toEqual({
      range: { kind: 'rolling', key: '6h' },
      store: 'store-007',
      channel: 'pos',
    })
    expect(queryValue(new URLSearchParams('service=%20'), 'service')).toBeUndefined()
  })

  it('changes one parameter and keeps the others', () => {
    const query = new URLSearchParams('range=6h&store=store-007')
    expect(hrefWith('/it', query, { service: 'erp-gateway' })).toBe('/it?range=6h&store=store-007&service=erp-gateway')
    expect(hrefWith('/it', query, { store: undefined, range: '' })).toBe('/it')
  })

  it('carries the range and context to another page, and nothing else', () => {
    expect(sharedQuery(new URLSearchParams('range=24h&service=oms&channel=web'))).toBe('?range=24h&channel=web')
    expect(sharedQuery(new URLSearchParams('service=oms'))).toBe('')
  })
})
