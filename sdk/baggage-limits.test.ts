import { propagation, ROOT_CONTEXT } from '@opentelemetry/api'
import type { Baggage } from '@opentelemetry/api'
import { W3CBaggagePropagator } from '@opentelemetry/core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { addKeysToBaggage, BAGGAGE_LIMITS } from './baggage-limits.ts'
import type { KeyEntry } from './key-entries.ts'

function headerOf(baggage: Baggage): string {
  const carrier: Record<string, string> = {}
  new W3CBaggagePropagator().inject(propagation.setBaggage(ROOT_CONTEXT, baggage), carrier, {
    set: (c, key, value) => {
      c[key] = value
    },
  })
  return carrier.baggage ?? ''
}

const keys = (count: number, size = 4): KeyEntry[] => Array.from({ length: count }, (_, i) => [`k${i}`, 'v'.repeat(size)] as const)

afterEach(() => vi.restoreAllMocks())

describe('baggage limits', () => {
  it('adds only allow-listed keys', () => {
    const bag = addKeysToBaggage(
      propagation.createBaggage(),
      [
        ['retail.order.id', 'A1'],
        ['secret', 'x'],
      ],
      new Set(['retail.order.id']),
    )
    expect(bag.getAllEntries().map(([key]) => key)).toEqual(['retail.order.id'])
  })

  it('stops at 64 members, counting what was already there, and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const existing = propagation.createBaggage({ tenant: { value: 'acme' } })
    const entries = keys(100)
    const bag = addKeysToBaggage(existing, entries, new Set(entries.map(([key]) => key)))
    expect(bag.getAllEntries()).toHaveLength(BAGGAGE_LIMITS.members)
    expect(bag.getEntry('tenant')?.value).toBe('acme')
    expect(bag.getEntry('k62')).toBeDefined()
    expect(bag.getEntry('k63')).toBeUndefined()
    expect(warn).toHaveBeenCalledTimes(1)
    addKeysToBaggage(bag, entries, new Set(entries.map(([key]) => key)))
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('keeps the header within 8192 bytes as the propagator writes it', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const entries = keys(40, 500)
    const bag = addKeysToBaggage(propagation.createBaggage(), entries, new Set(entries.map(([key]) => key)))
    const header = headerOf(bag)
    expect(Buffer.byteLength(header)).toBeLessThanOrEqual(BAGGAGE_LIMITS.bytes)
    expect(header.split(',')).toHaveLength(bag.getAllEntries().length)
    expect(bag.getAllEntries().length).toBe(16)
  })

  it('counts values as URI-encoded bytes', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const wide: KeyEntry[] = [
      ['a', 'é'.repeat(700)],
      ['b', 'é'.repeat(700)],
    ]
    const bag = addKeysToBaggage(propagation.createBaggage(), wide, new Set(['a', 'b']))
    // Each encodes to 4200 bytes, over the 4096 a member may take.
    expect(bag.getAllEntries()).toHaveLength(0)
  })

  it('drops an outer value rather than let it travel when the inner one does not fit', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const outer = addKeysToBaggage(propagation.createBaggage(), [['retail.order.id', 'A1']], new Set(['retail.order.id']))
    const inner = addKeysToBaggage(outer, [['retail.order.id', 'x'.repeat(5000)]], new Set(['retail.order.id']))
    expect(inner.getEntry('retail.order.id')).toBeUndefined()
  })
})
