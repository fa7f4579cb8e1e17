import { detached } from './tracing.ts'

/**
 * The timers of one system: business delays (a parcel in transit, a customer on the way to the
 * store) and redeliveries. Stopping the system cancels them all, so nothing runs after its spans
 * were flushed.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>()
  private stopped = false

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Runs `fn` after `delayMs`, in a trace of its own; its failure goes to onError. */
  later(delayMs: number, fn: () => Promise<void>): void {
    this.after(delayMs, () => {
      detached(fn).catch(this.onError)
    })
  }

  /**
   * Resolves after `delayMs` within the current trace. After stop() it never resolves: the work
   * that waits would only call peers that are gone.
   */
  pause(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.after(delayMs, resolve))
  }

  /** Cancels every pending timer and refuses new ones. */
  stop(): void {
    this.stopped = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private after(delayMs: number, fn: () => void): void {
    if (this.stopped) return
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        fn()
      },
      Math.max(0, delayMs),
    )
    this.timers.add(timer)
  }
}
