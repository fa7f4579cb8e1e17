/**
 * Statements reach the engine in fair order, not in order of arrival. Each lane (a tenant's API
 * reads, or the platform's own work: the drain, summaries, alerts) is charged the engine time
 * its statements took, decaying with a half-life; when a slot frees, the waiting lane charged
 * least goes next. A tenant looping week-long reads builds up charge and waits behind a tenant
 * that loads one page, which then waits for at most the one statement already running. The
 * embedded engine runs one statement at a time, so it gets one slot and the order here is the
 * order there; a server gets several.
 */

interface Waiter {
  readonly start: () => void
  readonly signal: AbortSignal | undefined
  readonly abandon: () => void
}

interface Lane {
  charge: number
  chargedAt: number
  running: number
  readonly waiting: Waiter[]
}

/** A queue of statements in front of an engine with `slots` of them running at once. */
export class FairQueue {
  readonly #slots: number
  readonly #halfLifeMs: number
  readonly #clock: () => number
  readonly #lanes = new Map<string, Lane>()
  #running = 0

  constructor(slots: number, halfLifeMs = 10_000, clock: () => number = () => performance.now()) {
    this.#slots = Math.max(1, slots)
    this.#halfLifeMs = halfLifeMs
    this.#clock = clock
  }

  /** Statements waiting for a slot, for metrics. */
  get waiting(): number {
    let count = 0
    for (const lane of this.#lanes.values()) count += lane.waiting.length
    return count
  }

  /** Runs `work` once its lane's turn comes; a signal aborted while it waits takes it out of line. */
  run<T>(laneName: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError(signal))
    const lane = this.#lane(laneName)
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        signal,
        start: () => {
          signal?.removeEventListener('abort', waiter.abandon)
          const started = this.#clock()
          this.#running++
          lane.running++
          work()
            .then(resolve, reject)
            .finally(() => {
              this.#running--
              lane.running--
              this.#charge(lane, this.#clock() - started)
              this.#pump()
            })
        },
        abandon: () => {
          const at = lane.waiting.indexOf(waiter)
          if (at >= 0) lane.waiting.splice(at, 1)
          reject(abortError(signal!))
        },
      }
      signal?.addEventListener('abort', waiter.abandon, { once: true })
      lane.waiting.push(waiter)
      this.#pump()
    })
  }

  #lane(name: string): Lane {
    let lane = this.#lanes.get(name)
    if (!lane) {
      lane = { charge: 0, chargedAt: this.#clock(), running: 0, waiting: [] }
      this.#lanes.set(name, lane)
    }
    return lane
  }

  #decayed(lane: Lane, now: number): number {
    return lane.charge * 0.5 ** ((now - lane.chargedAt) / this.#halfLifeMs)
  }

  #charge(lane: Lane, ms: number): void {
    const now = this.#clock()
    lane.charge = this.#decayed(lane, now) + ms
    lane.chargedAt = now
  }

  #pump(): void {
    while (this.#running < this.#slots) {
      const now = this.#clock()
      let next: Lane | undefined
      let least = Number.POSITIVE_INFINITY
      for (const [name, lane] of this.#lanes) {
        if (lane.waiting.length === 0) {
          // An idle lane whose charge has decayed away holds nothing worth keeping.
          if (lane.running === 0 && this.#decayed(lane, now) < 0.01) this.#lanes.delete(name)
          continue
        }
        const charge = this.#decayed(lane, now)
        if (charge < least) {
          least = charge
          next = lane
        }
      }
      if (!next) return
      next.waiting.shift()!.start()
    }
  }
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('the statement was abandoned before it ran: the client went away')
}
