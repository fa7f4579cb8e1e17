import { describe, expect, it } from 'vitest'
import { overviewPath, searchPath, tracePath } from './paths.ts'

describe('query API paths', () => {
  it('names the overview', () => {
    expect(overviewPath()).toBe('/api/overview')
  })

  it('escapes a trace id so it stays one path segment', () => {
    expect(tracePath('ab/../c')).toBe('/api/traces/ab%2F..%2Fc')
  })

  it('escapes the searched key and value', () => {
    expect(searchPath('retail.order.id', 'A1 & co')).toBe('/api/search?key=retail.order.id&value=A1+%26+co')
  })
})
