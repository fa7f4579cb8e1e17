import { describe, it, expect } from 'vitest'
import { decodeUtf8, decodeUtf8Json } from './utf8-text.ts'

const reference = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

function decodeAt(bytes: Uint8Array, json = false): string {
  // Offset into a larger buffer, as strings sit inside a request.
  const buf = new Uint8Array(bytes.length + 7)
  buf.set(bytes, 5)
  const view = new DataView(buf.buffer)
  return (json ? decodeUtf8Json : decodeUtf8)(buf, view, 5, 5 + bytes.length)
}

describe('decodeUtf8', () => {
  it('never confuses strings that differ only in bytes the cache does not hash', () => {
    // Same length and same bytes at positions 0, 2, 5 and 9; they share a cache slot.
    const order = new TextEncoder().encode('ORD-100123')
    const other = new TextEncoder().encode('ORD-100723')
    for (let round = 0; round < 3; round++) {
      expect(decodeAt(order)).toBe('ORD-100123')
      expect(decodeAt(other)).toBe('ORD-100723')
      expect(decodeAt(order, true)).toBe('"ORD-100123"')
    }
  })

  it('agrees with TextDecoder on random bytes of every cached and uncached length', () => {
    let seed = 42
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: i % 90 }, () => (i % 3 === 0 ? 0x61 + (next() % 4) : next()))
      const expected = reference.decode(bytes)
      expect(decodeAt(bytes)).toBe(expected)
      expect(decodeAt(bytes, true)).toBe(JSON.stringify(expected))
    }
  })
})
