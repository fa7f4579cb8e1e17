import type { JourneyType } from './options.ts'
import { JOURNEY_TYPES } from './options.ts'
import type { CompletedOrder, JourneyOutcome, JourneyRef } from './protocol.ts'

/** A journey's end, as a system reported it. */
export interface EndedJourney {
  readonly journey: JourneyRef
  readonly outcome: JourneyOutcome
  readonly reason?: string
  readonly order?: CompletedOrder
}

/** Whoever started a journey and wants to hear how it ended. */
export interface JourneyOwner {
  journeyEnded(ended: EndedJourney): void
}

/** What a bounded run sent and how its journeys ended. */
export interface DemoRunSummary {
  readonly launched: Readonly<Record<JourneyType, number>>
  readonly ended: Readonly<Record<JourneyType, Readonly<Record<JourneyOutcome, number>>>>
  /** Journeys sent that had not ended when the run was over (an interrupted run). */
  readonly unfinished: number
}

/** Counts launches and ends of one run into a summary. */
export class RunTally {
  private readonly launched = Object.fromEntries(JOURNEY_TYPES.map((type) => [type, 0])) as Record<JourneyType, number>
  private readonly ended = Object.fromEntries(JOURNEY_TYPES.map((type) => [type, { complete: 0, stalled: 0, failed: 0 }])) as Record<
    JourneyType,
    Record<JourneyOutcome, number>
  >
  private open = 0

  launch(type: JourneyType): void {
    this.launched[type]++
    this.open++
  }

  end(ended: EndedJourney): void {
    this.ended[ended.journey.type][ended.outcome]++
    this.open--
  }

  /** Journeys launched and not yet ended. */
  get pending(): number {
    return this.open
  }

  summary(): DemoRunSummary {
    const ended = Object.fromEntries(JOURNEY_TYPES.map((type) => [type, { ...this.ended[type] }])) as DemoRunSummary['ended']
    return { launched: { ...this.launched }, ended, unfinished: this.open }
  }
}

function slot(journey: JourneyRef): string {
  return `${journey.type}:${journey.key}`
}

/** Journeys open at once before the oldest is forgotten (a live demo runs for hours). */
const MAX_OPEN_JOURNEYS = 50_000

/**
 * Routes each journey's first reported end to the run that started it. Several systems may report
 * the same journey (two lost store messages of one promotion), so only the first report counts.
 */
export class JourneyLedger {
  private readonly owners = new Map<string, JourneyOwner>()

  /** Remembers who to tell when this journey ends. */
  track(journey: JourneyRef, owner: JourneyOwner): void {
    this.owners.set(slot(journey), owner)
    if (this.owners.size <= MAX_OPEN_JOURNEYS) return
    const oldest = this.owners.keys().next()
    if (oldest.done !== true) this.owners.delete(oldest.value)
  }

  /** Hands a reported end to the journey's owner; false for a repeated or unknown report. */
  settle(ended: EndedJourney): boolean {
    const key = slot(ended.journey)
    const owner = this.owners.get(key)
    if (owner === undefined) return false
    this.owners.delete(key)
    owner.journeyEnded(ended)
    return true
  }

  /** Forgets every journey of an owner whose run is over. */
  release(owner: JourneyOwner): void {
    for (const [key, tracked] of this.owners) if (tracked === owner) this.owners.delete(key)
  }
}
