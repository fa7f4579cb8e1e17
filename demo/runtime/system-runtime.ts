import type { EstateSystem, Store } from '../catalogue.ts'
import { openStores } from '../catalogue.ts'
import type { CompletedOrder, DriveCommand, FromSystem, JourneyOutcome, JourneyRef, SystemConfig } from '../protocol.ts'
import { Random, hashSeed } from '../random.ts'
import { FaultPlan } from './fault-plan.ts'
import { postJson } from './http.ts'
import type { TopicHandler } from './queue.ts'
import { publishMessage } from './queue.ts'
import { Scheduler } from './scheduler.ts'

/** What a simulated system can do: call peers, publish, wait, and say how journeys ended. */
export interface SystemRuntime {
  readonly config: SystemConfig
  readonly random: Random
  readonly stores: readonly Store[]
  readonly faults: FaultPlan
  /** POSTs JSON to a peer system and returns its answer. */
  call(system: EstateSystem, path: string, body: unknown): Promise<unknown>
  /** Publishes a message to a peer's topic (a queue hop). */
  publish(system: EstateSystem, topic: string, journey: JourneyRef, payload: unknown): Promise<void>
  /** Runs a later step of a journey after a business delay given at rate 1, in a new trace. */
  later(delayMs: number, journey: JourneyRef, step: () => Promise<void>): void
  /** Waits a business delay given at rate 1, within the current span. */
  pause(delayMs: number): Promise<void>
  /** Waits the time a system spends on its own work, between the bounds (not scaled by the rate). */
  work(minMs: number, maxMs?: number): Promise<void>
  /** Tells the parent a journey ended here. */
  report(journey: JourneyRef, outcome: JourneyOutcome, detail?: { reason?: string; order?: CompletedOrder }): void
  /** Runs a journey step that nobody awaits, reporting the journey failed if the step throws. */
  guard(journey: JourneyRef, step: () => Promise<void>): Promise<void>
}

/** What a simulated system offers: HTTP routes, queue topics, and the journeys it starts. */
export interface SystemBehaviour {
  /** POST handlers by path; the answer is sent back as JSON. */
  readonly routes: Readonly<Record<string, (body: unknown) => Promise<unknown>>>
  readonly topics: Readonly<Record<string, TopicHandler>>
  /** Starts a journey the parent asked for. */
  readonly drive?: (command: DriveCommand) => Promise<void>
}

/** Builds a system's behaviour on its runtime. */
export type SystemFactory = (runtime: SystemRuntime) => SystemBehaviour

/** The runtime together with the parts only the process entry point touches. */
export interface RuntimeHandle {
  readonly runtime: SystemRuntime
  readonly scheduler: Scheduler
  /** Fills in the peers' URLs once every system listens. */
  readonly setPeers: (urls: Readonly<Record<EstateSystem, string>>) => void
}

/** Builds a system's runtime; `send` reaches the parent over IPC. */
export function createRuntime(config: SystemConfig, send: (message: FromSystem) => void): RuntimeHandle {
  const random = new Random(hashSeed(config.seed, config.system))
  const stores = openStores(config.stores)
  const faults = new FaultPlan(config.faults, config.seed, stores)
  let peers: Readonly<Record<EstateSystem, string>> | undefined

  const report: SystemRuntime['report'] = (journey, outcome, detail) => {
    send({ kind: 'journey-ended', journey, outcome, ...detail })
  }
  const reportOutcome = (journey: JourneyRef, outcome: JourneyOutcome, reason?: string): void => report(journey, outcome, { reason })
  const guard: SystemRuntime['guard'] = async (journey, step) => {
    try {
      await step()
    } catch (error) {
      report(journey, 'failed', { reason: error instanceof Error ? error.message : String(error) })
    }
  }
  // Only a guarded step reaches onError with a bug of the guard itself; say so rather than lose it.
  const scheduler = new Scheduler((error) => send({ kind: 'problem', message: String(error) }))
  const peer = (system: EstateSystem): string => {
    if (peers === undefined) throw new Error(`${config.system} has no peer addresses yet`)
    return peers[system]
  }

  const runtime: SystemRuntime = {
    config,
    random,
    stores,
    faults,
    call: (system, path, body) => postJson(`${peer(system)}${path}`, body),
    publish: (system, topic, journey, payload) =>
      publishMessage({ random, faults, report: reportOutcome }, peer(system), topic, journey, payload),
    later: (delayMs, journey, step) => scheduler.later(delayMs / config.rate, () => guard(journey, step)),
    pause: (delayMs) => scheduler.pause(delayMs / config.rate),
    work: (minMs, maxMs = minMs) => scheduler.pause(random.between(minMs, maxMs)),
    report,
    guard,
  }
  return { runtime, scheduler, setPeers: (urls) => (peers = urls) }
}
