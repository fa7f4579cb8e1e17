import type { DemoRunSummary, EndedJourney, JourneyOwner } from './journey-ledger.ts'
import { RunTally } from './journey-ledger.ts'
import { LIVE_FIRST_MS, LIVE_INTERVALS_MS, LIVE_RETURN_SHARE } from './options.ts'
import type { DriveCommand } from './protocol.ts'
import type { Random } from './random.ts'
import type { ScenarioFactory } from './scenarios.ts'

/** A completed order comes back this long after it was invoiced, at rate 1. */
const RETURN_AFTER_MS = { min: 3_000, max: 12_000 } as const

/** What live traffic needs from the estate. */
export interface LiveTrafficDeps {
  readonly scenarios: ScenarioFactory
  readonly random: Random
  readonly rate: number
  /** Sends a command to the system where its journey starts; the owner hears how it ended. */
  launch(command: DriveCommand, owner: JourneyOwner): void
}

/**
 * Endless traffic for a live demo: orders and store sales arrive as Poisson processes, a share of
 * completed orders come back as returns, and promotions and settlement batches follow a cadence.
 */
export class LiveTraffic implements JourneyOwner {
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly tally = new RunTally()
  private running = false

  constructor(private readonly deps: LiveTrafficDeps) {}

  /** Starts every stream of traffic. */
  start(): void {
    if (this.running) return
    this.running = true
    const { scenarios, random } = this.deps
    this.every(
      () => random.exponential(LIVE_INTERVALS_MS.order),
      () => ({ journey: 'order', order: scenarios.order() }),
    )
    this.every(
      () => random.exponential(LIVE_INTERVALS_MS.sale),
      () => ({ journey: 'sale', sale: scenarios.sale() }),
    )
    this.every(
      () => LIVE_INTERVALS_MS.promotion,
      () => ({ journey: 'promotion', promotion: scenarios.promotion() }),
      LIVE_FIRST_MS.promotion,
    )
    this.every(
      () => LIVE_INTERVALS_MS.settlement,
      () => ({ journey: 'settlement', settlement: scenarios.settlement(1) }),
      LIVE_FIRST_MS.settlement,
    )
  }

  /** Stops sending; journeys under way run on in the systems. */
  stop(): void {
    this.running = false
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** What live traffic has sent so far and how it ended. */
  summary(): DemoRunSummary {
    return this.tally.summary()
  }

  journeyEnded(ended: EndedJourney): void {
    this.tally.end(ended)
    const { order } = ended
    if (!this.running || ended.outcome !== 'complete' || order === undefined) return
    if (!this.deps.random.chance(LIVE_RETURN_SHARE)) return
    const delay = this.deps.random.between(RETURN_AFTER_MS.min, RETURN_AFTER_MS.max)
    this.after(delay, () => this.send({ journey: 'return', return: this.deps.scenarios.returnOf(order) }))
  }

  private every(intervalMs: () => number, next: () => DriveCommand, firstMs?: number): void {
    const tick = (): void => {
      this.send(next())
      this.after(intervalMs(), tick)
    }
    this.after(firstMs ?? intervalMs(), tick)
  }

  private send(command: DriveCommand): void {
    this.tally.launch(command.journey)
    this.deps.launch(command, this)
  }

  /** Runs `fn` after a delay given at rate 1. */
  private after(delayMs: number, fn: () => void): void {
    if (!this.running) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      if (this.running) fn()
    }, delayMs / this.deps.rate)
    this.timers.add(timer)
  }
}
