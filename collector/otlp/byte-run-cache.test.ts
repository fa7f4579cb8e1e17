import { describe, it, expect } from 'vitest'
import { ByteRunCache } from './byte-run-cache.ts'

/** Looks `bytes` up at an odd offset inside a larger buffer, as runs sit inside a request. */
function lookup(cache: ByteRunCache, bytes: Uint8Array): number {
  const buf = new Uint8Array(bytes.length + 9)
  buf.set(bytes, 3)
  return cache.lookup(buf, new DataView(buf.buffer), 3, 3 + bytes.length)
}

/** Stores `bytes` in the slot a miss named. */
function remember(cache: ByteRunCache, bytes: Uint8Array): number {
  const slot = ~lookup(cache, bytes)
  cache.fill(slot, bytes, 0, bytes.length)
  return slot
}

describe('ByteRunCache', () => {
  it('finds a run it holds and misses every run that differs from it by one bit', () => {
    // One slot, so every run hashes to the same place and only the compare tells them apart.
    const cache = new ByteRunCache(0, 64)
    for (let length = 1; length <= 64; length++) {
      const run = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff)
      const slot = remember(cache, run)
      expect(lookup(cache, run)).toBe(slot)
      for (let at = 0; at < length; at++) {
        for (const bit of [0x01, 0x80]) {
          const other = run.slice()
          other[at]! ^= bit
          expect(lookup(cache, other), `length ${length}, byte ${at}, bit ${bit}`).toBeLessThan(0)
        }
      }
    }
  })

  it('tells apart runs whose eight-byte words are equal as doubles: the two zeros and NaNs', () => {
    const cache = new ByteRunCache(0, 64)
    const positiveZero = new Uint8Array(16)
    const negativeZero = new Uint8Array(16)
    negativeZero[8] = 0x80
    remember(cache, positiveZero)
    expect(lookup(cache, negativeZero)).toBeLessThan(0)
    remember(cache, negativeZero)
    expect(lookup(cache, positiveZero)).toBeLessThan(0)
    const nan = Uint8Array.of(0x7f, 0xf8, 0, 0, 0, 0, 0, 1, 0x61)
    const otherNan = Uint8Array.of(0x7f, 0xf8, 0, 0, 0, 0, 0, 2, 0x61)
    remember(cache, nan)
    expect(lookup(cache, otherNan)).toBeLessThan(0)
  })

  it('admits a missed run only when it misses its slot twice in a row', () => {
    const cache = new ByteRunCache(0, 64)
    const repeated = new TextEncoder().encode('http.request.method')
    const oneOff = new TextEncoder().encode('WEB-100234')
    expect(cache.admits(~lookup(cache, repeated))).toBe(false)
    expect(cache.admits(~lookup(cache, oneOff))).toBe(false)
    expect(cache.admits(~lookup(cache, repeated))).toBe(false)
    expect(cache.admits(~lookup(cache, repeated))).toBe(true)
  })

  it('forgets every run on clear', () => {
    const cache = new ByteRunCache(4, 64)
    const key = new TextEncoder().encode('retail.order.id')
    remember(cache, key)
    expect(lookup(cache, key)).toBeGreaterThanOrEqual(0)
    cache.clear()
    expect(lookup(cache, key)).toBeLessThan(0)
  })
})
