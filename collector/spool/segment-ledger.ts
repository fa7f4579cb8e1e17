/**
 * What the spool knows of each live segment: how far it is durable (fsync'd), and whether the
 * writer has moved on from it. The writer moves the durable ends forward; the drain reads up to
 * them and never past, so it hands storage only what a 200 has already promised.
 */
import type { SpoolPosition } from './cursor-file.ts'

interface SegmentState {
  durableEnd: number
  sealed: boolean
}

/** The live segments, oldest first. */
export class SegmentLedger {
  readonly #segments = new Map<number, SegmentState>()

  /** Records a segment; sequence numbers only ever grow, so the map stays in order. */
  add(segment: number, durableEnd: number, sealed: boolean): void {
    this.#segments.set(segment, { durableEnd, sealed })
  }

  /** Moves a segment's durable end forward after an fsync. */
  setDurableEnd(segment: number, durableEnd: number): void {
    const state = this.#segments.get(segment)
    if (state) state.durableEnd = durableEnd
  }

  /** Marks a segment finished: nothing more will be written to it. */
  seal(segment: number): void {
    const state = this.#segments.get(segment)
    if (state) state.sealed = true
  }

  /** Forgets a segment whose file was deleted. */
  remove(segment: number): void {
    this.#segments.delete(segment)
  }

  /** The durable end of a segment, or undefined when it is not live. */
  durableEnd(segment: number): number | undefined {
    return this.#segments.get(segment)?.durableEnd
  }

  /** True when the writer has moved on from the segment. */
  isSealed(segment: number): boolean {
    return this.#segments.get(segment)?.sealed ?? false
  }

  /** Live segments older than `segment` that are sealed, so may be deleted once passed. */
  sealedBefore(segment: number): number[] {
    return [...this.#segments].filter(([seq, state]) => seq < segment && state.sealed).map(([seq]) => seq)
  }

  /**
   * The same place, moved past the ends of sealed segments to the start of the next live one,
   * so a reader never waits on a segment that will not grow.
   */
  normalise(position: SpoolPosition): SpoolPosition {
    let current = position
    if (!this.#segments.has(current.segment)) {
      const later = [...this.#segments.keys()].find((seq) => seq > current.segment)
      if (later !== undefined) current = { segment: later, offset: 0 }
    }
    for (;;) {
      const state = this.#segments.get(current.segment)
      if (!state || !state.sealed || current.offset < state.durableEnd) return current
      const next = [...this.#segments.keys()].find((seq) => seq > current.segment)
      if (next === undefined) return current
      current = { segment: next, offset: 0 }
    }
  }
}
