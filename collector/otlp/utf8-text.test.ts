import { describe, it, expect } from 'vitest'
import { decodeUtf8, decodeUtf8Json, decodeUtf8Uncached } from './utf8-text.ts'

const reference = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true })

type Decoding = 'cached' | 'json' | 'uncached'

function decodeAt(bytes: Uint8Array, decoding: Decoding = 'cached'): string {
  // Offset into a larger buffer, as strings sit inside a request.
  const buf = new Uint8Array(bytes.length + 7)
  buf.set(bytes, 5)
  const view = new DataView(buf.buffer)
  if (decoding === 'uncached') return decodeUtf8Uncached(buf, 5, 5 + bytes.length)
  return (decoding === 'json' ? decodeUtf8Json : decodeUtf8)(buf, view, 5, 5 + bytes.length)
}

/** Every way of decoding `bytes`, each three times, so cache misses, admissions and hits all answer. */
function allDecodings(bytes: Uint8Array): string[] {
  return (['cached', 'json', 'uncached'] as const).flatMap((decoding) =>
    [1, 2, 3].map(() => {
      const text = decodeAt(bytes, decoding)
      return decoding === 'json' ? (JSON.parse(text) as string) : text
    }),
  )
}

describe('decodeUtf8', () => {
  it('never confuses strings that differ only in bytes the cache does not hash', () => {
    // Same length and the same first, middle and last four bytes, so the same hash and slot.
    const order = new TextEncoder().encode('ORD-10012345-EU')
    const other = new TextEncoder().encode('ORD-10012675-EU')
    for (let round = 0; round < 3; round++) {
      expect(decodeAt(order)).toBe('ORD-10012345-EU')
      expect(decodeAt(other)).toBe('ORD-10012675-EU')
      expect(decodeAt(order, 'json')).toBe('"ORD-10012345-EU"')
    }
  })

  it('agrees with TextDecoder on random bytes of every cached and uncached length, ASCII or not, but for NUL, which becomes U+FFFD', () => {
    let seed = 42
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24
    for (let i = 0; i < 3000; i++) {
      const bytes = Uint8Array.from({ length: i % 140 }, () => (i % 3 === 0 ? 0x61 + (next() % 4) : i % 3 === 1 ? next() & 0x7f : next()))
      const expected = reference.decode(bytes).replaceAll('\0', '\uFFFD')
      for (const text of allDecodings(bytes)) expect(text).toBe(expected)
    }
  })

  it('replaces malformed UTF-8 and encoded lone surrogates exactly as TextDecoder does, at every length boundary', () => {
    const malformed = [
      [0xed, 0xa0, 0x80], // a lone high surrogate, CESU-8 style
      [0xed, 0xbf, 0xbf], // a lone low surrogate
      [0xc0, 0xaf], // an overlong '/'
      [0x80], // a continuation byte with no lead
      [0xe2, 0x82], // a truncated euro sign
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
    ]
    const wellFormed = ['ü', '€', '😀']
    for (const length of [1, 15, 16, 17, 63, 64, 65]) {
      for (const tail of [...malformed, ...wellFormed.map((text) => [...new TextEncoder().encode(text)])]) {
        const head = Array.from({ length: Math.max(0, length - tail.length) }, (_, i) => 0x61 + (i % 26))
        const bytes = Uint8Array.from([...head, ...tail])
        const expected = reference.decode(bytes)
        for (const text of allDecodings(bytes)) expect(text).toBe(expected)
      }
    }
  })
})
