import type { DemoRunSummary, EndedJourney, JourneyOwner } from './journey-ledger.ts'
import { RunTally } from './journey-ledger.ts'
import type { JourneyCounts } from './options.ts'
import type { DriveCommand } from './protocol.ts'
import type { ScenarioFactory } from './scenarios.ts'

/** Time between two launches of one kind in a burst at rate 1. */
const BURST_SPACING_MS = 150

/** What a burst needs from the estate. */
export interface BurstDeps {
  readonly scenarios: ScenarioFactory
  readonly rate: number
  /** Sends a command to the system where its journey starts; the owner hears how it ended. */
  launch(command: DriveCommand, owner: JourneyOwner): void
}

/**
 * A bounded run: sends a fixed set of journeys and resolves once each has ended. Returns follow
 * orders that completed; settlements are cut once every order and sale has ended, so the batches
 * hold the captures of this run.
 */
export class BurstRun implements JourneyOwner {
  /** Resolves with the run's summary when every journey has ended, or the run was interrupted. */
  readonly finished: Promise<DemoRunSummary>
  private resolveFinished: (summary: DemoRunSummary) => void = () => undefined
  private readonly tally = new RunTally()
  private readonly toLaunch: { orders: number; sales: number; promotions: number }
  private returnsLeft: number
  private settlementsLeft: number
  private openOrdersAndSales = 0
  private timer: NodeJS.Timeout | undefined
  private over = false

  constructor(
    counts: JourneyCounts,
    private readonly deps: BurstDeps,
  ) {
    this.toLaunch = { orders: counts.orders, sales: counts.sales, promotions: counts.promotions }
    this.returnsLeft = counts.returns
    this.settlementsLeft = counts.settlements
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve
    })
  }

  /** Starts sending; the first journeys leave at once. */
  start(): void {
    this.launchRound()
  }

  journeyEnded(ended: EndedJourney): void {
    if (this.over) return
    this.tally.end(ended)
    const type = ended.journey.type
    if (type === 'order' || type === 'sale') this.openOrdersAndSales--
    if (type === 'order' && ended.outcome === 'complete' && ended.order !== undefined && this.returnsLeft > 0) {
      this.returnsLeft--
      this.send({ journey: 'return', return: this.deps.scenarios.returnOf(ended.order) })
    }
    this.afterProgress()
  }

  /** Ends the run now: nothing more is sent, and `finished` resolves with what has ended. */
  interrupt(): void {
    this.finish()
  }

  private send(command: DriveCommand): void {
    this.tally.launch(command.journey)
    if (command.journey === 'order' || command.journey === 'sale') this.openOrdersAndSales++
    this.deps.launch(command, this)
  }

  private launchRound(): void {
    this.timer = undefined
    if (this.over) return
    const { scenarios } = this.deps
    if (this.toLaunch.orders > 0) {
      this.toLaunch.orders--
      this.send({ journey: 'order', order: scenarios.order() })
    }
    if (this.toLaunch.sales > 0) {
      this.toLaunch.sales--
      this.send({ journey: 'sale', sale: scenarios.sale() })
    }
    if (this.toLaunch.promotions > 0) {
      this.toLaunch.promotions--
      this.send({ journey: 'promotion', promotion: scenarios.promotion() })
    }
    if (this.toLaunch.orders + this.toLaunch.sales + this.toLaunch.promotions > 0) {
      this.timer = setTimeout(() => this.launchRound(), BURST_SPACING_MS / this.deps.rate)
    }
    this.afterProgress()
  }

  private afterProgress(): void {
    if (this.over) return
    const ordersAndSalesDone = this.toLaunch.orders === 0 && this.toLaunch.sales === 0 && this.openOrdersAndSales === 0
    if (ordersAndSalesDone) {
      // No order is left to complete, so returns still owed cannot be sent.
      this.returnsLeft = 0
      for (let batchesLeft = this.settlementsLeft; batchesLeft > 0; batchesLeft--) {
        this.send({ journey: 'settlement', settlement: this.deps.scenarios.settlement(batchesLeft) })
      }
      this.settlementsLeft = 0
    }
    const nothingToSend = this.timer === undefined && this.returnsLeft === 0 && this.settlementsLeft === 0
    if (nothingToSend && this.tally.pending === 0) this.finish()
  }

  private finish(): void {
    if (this.over) return
    this.over = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.resolveFinished(this.tally.summary())
  }
}
