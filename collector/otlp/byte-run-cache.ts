/**
 * A direct-mapped cache keyed by short runs of request bytes. OTLP batches repeat the same keys,
 * values and whole attributes span after span, so a decoder that remembers what a run of bytes
 * decoded to can answer the next identical run with a hash and a compare instead of a decode.
 * It holds only the bytes; callers keep what the bytes decoded to in arrays indexed by slot.
 * Every hit is checked byte for byte, so a collision costs a miss, never a wrong answer.
 */

/** Fixed-size byte-keyed slots: a newer run evicts an older one of the same hash. */
export class ByteRunCache {
  /** Longest run cached; memory is bounded at `slots * maxBytes` bytes. */
  readonly maxBytes: number
  /** Slot count, a power of two so a hash's top bits pick the slot. */
  readonly slots: number
  private readonly slotShift: number
  private readonly slotMask: number
  private readonly lengths: Int16Array
  /** Per slot, the hash of the last run that missed it: the doorkeeper for `admits`. */
  private readonly missedHashes: Int32Array
  private lastMissedHash = 0
  /** The runs' bytes, `maxBytes` apart. */
  private readonly bytes: Uint8Array
  private readonly view: DataView

  constructor(slotBits: number, maxBytes: number) {
    this.maxBytes = maxBytes
    this.slots = 1 << slotBits
    this.slotShift = 32 - slotBits
    // The mask only matters for a one-slot cache, where a shift by 32 would shift by nothing.
    this.slotMask = this.slots - 1
    this.lengths = new Int16Array(this.slots).fill(-1)
    this.missedHashes = new Int32Array(this.slots)
    this.bytes = new Uint8Array(this.slots * maxBytes)
    this.view = new DataView(this.bytes.buffer)
  }

  /**
   * The slot holding bytes [start, end) of `buf` (`view` is a DataView over the same bytes), or
   * on a miss `~slot` for the slot that `fill` should store them in. The run must be 1 to
   * `maxBytes` long.
   */
  lookup(buf: Uint8Array, view: DataView, start: number, end: number): number {
    const length = end - start
    let hash: number
    // Hashing three words, not every byte: the compare that follows checks them all anyway.
    if (length >= 4) {
      const middle = view.getInt32(start + ((length - 4) >>> 1))
      const last = view.getInt32(end - 4)
      hash = Math.imul(view.getInt32(start) ^ length, 0x85ebca6b) ^ ((middle << 11) | (middle >>> 21)) ^ ((last << 23) | (last >>> 9))
    } else {
      hash = length ^ (buf[start]! << 8) ^ (buf[end - 1]! << 16) ^ (buf[start + (length >>> 1)]! << 24)
    }
    hash = Math.imul(hash, 0x9e3779b1)
    const slot = (hash >>> this.slotShift) & this.slotMask
    if (this.lengths[slot] === length && this.holds(slot, buf, view, start, length)) return slot
    this.lastMissedHash = hash
    return ~slot
  }

  /**
   * Whether the run that just missed `slot` should be stored there: only when it is the second
   * run in a row to miss the slot with the same hash. Values seen once (order ids, timestamps)
   * then never evict ones that repeat, nor cost a copy.
   */
  admits(slot: number): boolean {
    if (this.missedHashes[slot] === this.lastMissedHash) return true
    this.missedHashes[slot] = this.lastMissedHash
    return false
  }

  /** Whether `slot` holds bytes [start, start + length) of `buf`; `view` is over `buf`. */
  private holds(slot: number, buf: Uint8Array, view: DataView, start: number, length: number): boolean {
    const base = slot * this.maxBytes
    if (length < 8) {
      for (let i = 0; i < length; i++) {
        if (buf[start + i] !== this.bytes[base + i]) return false
      }
      return true
    }
    // Eight bytes at a time, the last eight overlapping the others rather than a byte loop.
    // Doubles compare equal exactly when their bits are equal, except NaNs (never equal: a
    // harmless miss) and the two zeros, whose sign word is compared separately.
    const cached = this.view
    const last = length - 8
    for (let i = 0; ; i = Math.min(i + 8, last)) {
      const word = view.getFloat64(start + i)
      if (word !== cached.getFloat64(base + i) || (word === 0 && view.getInt32(start + i) !== cached.getInt32(base + i))) return false
      if (i === last) return true
    }
  }

  /** Stores bytes [start, end) of `buf` in `slot`, evicting what it held. */
  fill(slot: number, buf: Uint8Array, start: number, end: number): void {
    const bytes = this.bytes
    const base = slot * this.maxBytes
    for (let i = start; i < end; i++) bytes[base + i - start] = buf[i]!
    this.lengths[slot] = end - start
  }

  /** Empties every slot. */
  clear(): void {
    this.lengths.fill(-1)
  }
}
