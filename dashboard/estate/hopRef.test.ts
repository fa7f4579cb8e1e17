import { describe, expect, it } from 'vitest'
import { hopParam, parseHopParam } from './hopRef.ts'

describe('hop in the address', () => {
  it('names a hop by its kind and services and reads it back, a service name with a bar included', () => {
    const param = hopParam({ kind: 'message', fromService: 'order-management', toService: 'erp|gateway' })
    expect(param).toBe('message|order-management|erp|gateway')
    expect(parseHopParam(param)).toEqual({ kind: 'message', from: 'order-management', to: 'erp|gateway' })
  })

  it('reads nothing from a malformed name', () => {
    expect(parseHopParam(undefined)).toBeUndefined()
    expect(parseHopParam('queue|a|b')).toBeUndefined()
    expect(parseHopParam('call|a')).toBeUndefined()
    expect(parseHopParam('call||b')).toBeUndefined()
  })
})
