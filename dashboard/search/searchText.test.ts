import { describe, expect, it } from 'vitest'
import { parseSearch, rememberSearch, searchIntentHref, RECENT_LIMIT } from './searchText.ts'

describe('the one search box', () => {
  it('opens a trace id as a trace, whatever its case', () => {
    const intent = parseSearch(' 4BF92F3577B34DA6A3CE929D0E0E4736 ')
    expect(intent).toEqual({ kind: 'trace', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' })
    expect(searchIntentHref(intent!)).toBe('/traces/4bf92f3577b34da6a3ce929d0e0e4736')
  })

  it('searches key=value for any key, a configured extra one included, keeping = in the value', () => {
    expect(parseSearch('retail.transfer.id = TR-9')).toEqual({ kind: 'key', key: 'retail.transfer.id', value: 'TR-9' })
    expect(parseSearch('x.ref=a=b')).toEqual({ kind: 'key', key: 'x.ref', value: 'a=b' })
    expect(searchIntentHref(parseSearch('retail.order.id=WEB 1')!)).toBe('/journeys?key=retail.order.id&value=WEB+1')
  })

  it('looks a bare value up under every key, and ignores blank text', () => {
    expect(parseSearch('WEB-100234')).toEqual({ kind: 'value', value: 'WEB-100234' })
    // Not a trace id: 31 hex digits.
    expect(parseSearch('4bf92f3577b34da6a3ce929d0e0e473')?.kind).toBe('value')
    expect(searchIntentHref(parseSearch('SO 9')!)).toBe('/journeys?value=SO+9')
    expect(parseSearch('   ')).toBeUndefined()
  })

  it('remembers the newest searches first, once each, up to the limit', () => {
    let recent: string[] = []
    for (let i = 0; i < RECENT_LIMIT + 2; i++) recent = rememberSearch(recent, `v${i}`)
    recent = rememberSearch(recent, 'v5')
    expect(recent[0]).toBe('v5')
    expect(recent).toHaveLength(RECENT_LIMIT)
    expect(new Set(recent).size).toBe(RECENT_LIMIT)
  })
})
