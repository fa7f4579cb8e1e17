import { describe, expect, it } from 'vitest'
import { estatePath, queryString } from './estatePaths.ts'

describe('estate API paths', () => {
  it('carries the window as ISO times and only the filters that are set', () => {
    expect(estatePath('hops', { fromMs: 0, toMs: 3_600_000 }, { store: 'store 7&x', channel: undefined })).toBe(
      '/api/estate/hops?from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T01%3A00%3A00.000Z&store=store+7%26x',
    )
  })

  it('adds extra parameters after the filters', () => {
    expect(estatePath('latency', { fromMs: 0, toMs: 1 }, { service: 'oms' }, { step: '5m' })).toMatch(/&service=oms&step=5m$/)
  })

  it('writes nothing for no parameters', () => {
    expect(queryString({ a: undefined, b: '' })).toBe('')
    expect(queryString({ limit: 50 })).toBe('?limit=50')
  })
})
