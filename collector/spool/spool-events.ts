/**
 * What the spool reports as it works, as values: the caller turns them into metrics and log
 * lines, so the spool itself neither logs nor knows of a metrics registry.
 */

/** One thing that happened in the spool. */
export type SpoolEvent =
  /** A group of appends was written with one fsync. */
  | { readonly kind: 'synced'; readonly records: number; readonly bytes: number; readonly seconds: number }
  /** A group could not be written or fsync'd (a full disk among others); its appends were refused. */
  | { readonly kind: 'write_failed'; readonly records: number; readonly error: unknown }
  /** At start, the unfinished last frame of a segment, left by a crash, was cut off. */
  | { readonly kind: 'torn_tail'; readonly segment: number; readonly droppedBytes: number; readonly reason: string }
  /** At start, records not yet acknowledged by storage were found and will be replayed. */
  | { readonly kind: 'replaying'; readonly records: number; readonly bytes: number }
  /**
   * A segment holds bytes that are not a frame where a frame should be: they were quarantined and
   * reading resumed at the next whole frame (`resumedAt`), or at the segment's end when none follows.
   */
  | {
      readonly kind: 'corrupt_segment'
      readonly segment: number
      readonly offset: number
      readonly bytes: number
      readonly resumedAt: number | undefined
      readonly reason: string
    }
  /** The batch handler failed; the same batch is retried after the delay. */
  | { readonly kind: 'handler_failed'; readonly attempt: number; readonly retryInMs: number; readonly error: unknown }
  /** Reading a segment, saving the cursor or deleting a drained segment failed; retried later. */
  | { readonly kind: 'io_failed'; readonly during: 'read' | 'cursor' | 'delete'; readonly error: unknown }
