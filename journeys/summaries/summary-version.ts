/**
 * The versions a rewrite of summaries writes under, from the server time of its pass: its live
 * rows one above its tombstones, and both above every row of an earlier pass. A tombstone and a
 * live row therefore never tie, whatever order their inserts land in (a Distributed insert still
 * queued when the clean-up reads, say): the live row always wins, and the tombstone always beats
 * the rows it hides. Versions written before this scheme (the pass time itself) are below both.
 */

/** The version of the live rows a pass at `passMs` writes. */
export function liveVersion(passMs: number): number {
  return passMs * 2 + 1
}

/** The version of the deleted rows a pass at `passMs` writes to hide older rows. */
export function tombstoneVersion(passMs: number): number {
  return passMs * 2
}
