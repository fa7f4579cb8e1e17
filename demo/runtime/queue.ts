/**
 * Queue hops between systems, as a broker would make them: the producer posts a message with
 * headers from the SDK to the consumer's `/queue/<topic>`, the consumer acknowledges at once and
 * processes it later in a trace of its own that links back to the producer. A message given up
 * on goes to the dead-letter queue; one parked there at once may be replayed by the operator.
 */
import { consume, deadLetter, produce, recordRetry, replay } from '@throughline/sdk'
import type { JourneyOutcome, JourneyRef } from '../protocol.ts'
import type { Random } from '../random.ts'
import type { FaultPlan } from './fault-plan.ts'
import { postJson } from './http.ts'
import type { Scheduler } from './scheduler.ts'

/** Deliveries of one message before it goes to the dead-letter queue. */
const MAX_DELIVERIES = 4
/** A consumer picks a message up this long after it was acknowledged. */
const CONSUMER_LAG_MS = { min: 20, max: 250 } as const
/** First redelivery delay; each further one doubles. */
const REDELIVERY_BASE_MS = 300

/** A message as it travels: broker headers, the journey it belongs to, and the business payload. */
export interface QueueEnvelope {
  readonly headers: Record<string, string>
  readonly journey: JourneyRef
  readonly payload: unknown
  /** Re-sent from the dead-letter queue by the operator's replay job. */
  readonly replayed?: boolean
}

/** Processes one message's payload; a rejection leads to a redelivery. */
export type TopicHandler = (payload: unknown, journey: JourneyRef) => Promise<void>

/** Tells the parent how a journey ended. */
export type Reporter = (journey: JourneyRef, outcome: JourneyOutcome, reason?: string) => void

/** What publishing needs from the system. */
export interface PublishDeps {
  readonly random: Random
  readonly faults: FaultPlan
  readonly report: Reporter
}

/** Publishes a message to a peer's topic in a PRODUCER span; with drop-message it may vanish. */
export async function publishMessage(
  deps: PublishDeps,
  baseUrl: string,
  topic: string,
  journey: JourneyRef,
  payload: unknown,
): Promise<void> {
  await produce(topic, {} as Record<string, string>, async (headers) => {
    // The producer cannot tell; the broker loses the message after accepting it.
    if (deps.faults.dropsMessage(deps.random)) {
      deps.report(journey, 'stalled', `message on ${topic} was lost`)
      return
    }
    await postJson(`${baseUrl}/queue/${topic}`, { headers, journey, payload } satisfies QueueEnvelope)
  })
}

function isEnvelope(value: unknown): value is QueueEnvelope {
  if (typeof value !== 'object' || value === null) return false
  const { headers, journey } = value as Partial<QueueEnvelope>
  return typeof headers === 'object' && headers !== null && typeof journey?.type === 'string' && typeof journey.key === 'string'
}

/** What a system's inbox needs from it. */
export interface InboxDeps {
  readonly random: Random
  readonly scheduler: Scheduler
  readonly report: Reporter
  /** Whether the next delivery fails before the handler runs (the retry-storm fault). */
  failsDelivery(): boolean
  /** Whether the next message is parked in the dead-letter queue at once (the dlq-replay fault). */
  parksMessage(): boolean
  /** When the operator's replay job re-sends a parked message, or undefined when it leaves it there. */
  replayAfterMs(): number | undefined
}

/** A message the consumer cannot take until someone fixes the cause: dead-lettered at its first delivery. */
class PoisonMessage extends Error {}

/** A system's topics: accepts messages at once and delivers them later, with redelivery. */
export class Inbox {
  constructor(
    private readonly topics: Readonly<Record<string, TopicHandler>>,
    private readonly deps: InboxDeps,
  ) {}

  /** Takes a message for later processing; false if the topic or the message is unknown. */
  accept(topic: string, envelope: unknown): boolean {
    const handler = this.topics[topic]
    if (handler === undefined || !isEnvelope(envelope)) return false
    const lag = this.deps.random.between(CONSUMER_LAG_MS.min, CONSUMER_LAG_MS.max)
    this.deliver(topic, handler, envelope, 1, lag, undefined)
    return true
  }

  private deliver(
    topic: string,
    handler: TopicHandler,
    message: QueueEnvelope,
    delivery: number,
    delayMs: number,
    previous: unknown,
  ): void {
    this.deps.scheduler.later(delayMs, async () => {
      try {
        await consume(message.headers, topic, () => this.process(topic, handler, message, delivery, previous))
      } catch (error) {
        if (error instanceof PoisonMessage) {
          this.park(topic, message, error)
        } else if (delivery < MAX_DELIVERIES) {
          const backoff = REDELIVERY_BASE_MS * 2 ** (delivery - 1)
          this.deliver(topic, handler, message, delivery + 1, this.deps.random.between(backoff, backoff * 1.5), error)
        } else {
          this.deps.report(message.journey, 'failed', `${topic} message dead-lettered: ${String(error)}`)
        }
      }
    })
  }

  private async process(topic: string, handler: TopicHandler, message: QueueEnvelope, delivery: number, previous: unknown): Promise<void> {
    if (delivery > 1) recordRetry(delivery - 1, previous)
    try {
      if (this.deps.failsDelivery()) throw new Error(`${topic}: lock wait timeout exceeded while posting`)
      if (message.replayed !== true && this.deps.parksMessage())
        throw new PoisonMessage(`${topic}: the ERP refuses the document until its posting period is reopened`)
      await handler(message.payload, message.journey)
    } catch (error) {
      if (error instanceof PoisonMessage) deadLetter(error.message)
      else if (delivery >= MAX_DELIVERIES)
        deadLetter(`gave up after ${delivery} deliveries: ${error instanceof Error ? error.message : String(error)}`)
      throw error
    }
  }

  /** The operator's replay job: re-sends a parked message to its topic later, or leaves it in the dead-letter queue. */
  private park(topic: string, message: QueueEnvelope, poison: PoisonMessage): void {
    const afterMs = this.deps.replayAfterMs()
    if (afterMs === undefined) {
      this.deps.report(message.journey, 'failed', `${topic} message dead-lettered and never replayed: ${poison.message}`)
      return
    }
    this.deps.scheduler.later(afterMs, () =>
      replay(message.headers, topic, (headers) => {
        if (!this.accept(topic, { ...message, headers, replayed: true }))
          this.deps.report(message.journey, 'failed', `${topic} replay was not accepted`)
        return Promise.resolve()
      }),
    )
  }
}
