import { describe, expect, it } from 'vitest'
import { parseRoute } from './routes.ts'

describe('parseRoute', () => {
  it('finds each page of the navigation', () => {
    expect(parseRoute('/')).toEqual({ page: 'overview' })
    expect(parseRoute('/it')).toEqual({ page: 'it' })
    expect(parseRoute('/ops')).toEqual({ page: 'ops' })
    expect(parseRoute('/finance')).toEqual({ page: 'finance' })
    expect(parseRoute('/journeys')).toEqual({ page: 'journeys' })
    expect(parseRoute('/alerts')).toEqual({ page: 'alerts' })
  })

  it('ignores a trailing slash', () => {
    expect(parseRoute('/ops/')).toEqual({ page: 'ops' })
  })

  it('reads a trace id and a journey type and key from the path', () => {
    expect(parseRoute('/traces/4bf92f3577b34da6a3ce929d0e0e4736')).toEqual({ page: 'trace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' })
    expect(parseRoute('/journeys/order/A%2F1%20x')).toEqual({ page: 'journey', type: 'order', key: 'A/1 x' })
  })

  it('sends anything else to the not-found page', () => {
    expect(parseRoute('/nope')).toEqual({ page: 'notFound', path: '/nope' })
    expect(parseRoute('/traces')).toEqual({ page: 'notFound', path: '/traces' })
    expect(parseRoute('/traces/a/b')).toEqual({ page: 'notFound', path: '/traces/a/b' })
    expect(parseRoute('/journeys/order')).toEqual({ page: 'notFound', path: '/journeys/order' })
    expect(parseRoute('/it/more')).toEqual({ page: 'notFound', path: '/it/more' })
    expect(parseRoute('/constructor')).toEqual({ page: 'notFound', path: '/constructor' })
  })

  it('does not break on a malformed escape', () => {
    expect(parseRoute('/traces/%E0%A4%A')).toEqual({ page: 'notFound', path: '/traces/%E0%A4%A' })
  })
})
