/**
 * Background work, one way: a periodic task on an unref'd timer (so it never holds a process
 * open) that waits its interval after each run, reports every failure and backs off while the
 * failures go on (a pass that fails for good must not hammer the engine every second), and can
 * be stopped, as opentelemetry-js's BatchSpanProcessorBase runs its exports; and a queue that
 * runs tasks one after another, so writes that must not interleave never do.
 */

/** A running periodic task. */
export interface Periodic {
  /** Ends the loop; resolves once a run in progress has finished. */
  stop(): Promise<void>
}

/** What a periodic task says after a run: go on, or its work is done. */
export type PeriodicOutcome = 'again' | 'done'

/** Options of a periodic task. */
export interface PeriodicOptions {
  /** Asked again after every run when a function, so a reloaded setting takes effect at the next wait. */
  readonly intervalMs: number | (() => number)
  /** Before the first run; the interval unless said. */
  readonly firstDelayMs?: number
  /** Every failure goes here; the loop goes on, each failure in a row doubling the wait up to `maxBackoffMs`. */
  readonly onError: (error: unknown) => void
  /** The longest wait after failures in a row; a minute unless said, never less than the interval. */
  readonly maxBackoffMs?: number
}

/** The longest wait after failures in a row, unless a task says otherwise. */
const MAX_BACKOFF_MS = 60_000

/** The wait after `failures` failures in a row: the interval, doubled for each, up to the cap. */
export function backoffMs(intervalMs: number, failures: number, maxBackoffMs = MAX_BACKOFF_MS): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, maxBackoffMs))
}

/** Runs `task` now and again, `intervalMs` after each run ends (longer after failures), until stopped or the task says it is done. */
export function runPeriodically(task: () => Promise<PeriodicOutcome | void>, options: PeriodicOptions): Periodic {
  let timer: ReturnType<typeof setTimeout> | undefined
  let running: Promise<unknown> | undefined
  let stopped = false
  let failures = 0
  const interval = (): number => (typeof options.intervalMs === 'function' ? options.intervalMs() : options.intervalMs)
  const schedule = (delayMs: number): void => {
    if (stopped) return
    timer = setTimeout(() => {
      running = task().then(
        (outcome) => {
          failures = 0
          if (outcome !== 'done') schedule(interval())
        },
        (error: unknown) => {
          failures++
          options.onError(error)
          schedule(backoffMs(interval(), failures, options.maxBackoffMs))
        },
      )
    }, delayMs)
    // Node's timers can let the process exit while they wait; a browser's are numbers.
    ;(timer as { unref?: () => void }).unref?.()
  }
  schedule(options.firstDelayMs ?? interval())
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running?.catch(() => undefined)
    },
  }
}

/** Runs tasks one after another: a task starts once every task given before it has settled. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>

/** A new serial queue. */
export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

/** Serial queues by key, forgotten once idle: one queue per tenant and journey type, say. */
export function keyedSerialQueues(): (key: string, task: () => Promise<void>) => Promise<void> {
  const tails = new Map<string, Promise<void>>()
  return (key, task) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task)
    const settled = run.catch(() => undefined)
    tails.set(key, settled)
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key)
    })
    return run
  }
}
