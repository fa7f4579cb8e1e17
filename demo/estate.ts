import { BurstRun } from './burst.ts'
import type { EstateSystem } from './catalogue.ts'
import { ESTATE_SYSTEMS, SERVICE_NAMES, openStores } from './catalogue.ts'
import type { DemoRunSummary } from './journey-ledger.ts'
import { JourneyLedger } from './journey-ledger.ts'
import { LiveTraffic } from './live-traffic.ts'
import type { DemoOptions, JourneyCounts } from './options.ts'
import { NO_JOURNEYS } from './options.ts'
import type { CompletedOrder, DriveCommand, FromSystem, JourneyOutcome, JourneyRef } from './protocol.ts'
import { ORIGIN_OF, journeyOf } from './protocol.ts'
import { Random, hashSeed } from './random.ts'
import { ScenarioFactory } from './scenarios.ts'
import type { SystemHooks, SystemProcess } from './system-process.ts'
import { spawnSystem } from './system-process.ts'

/** Something that happened in the estate, for a caller that narrates or logs it. */
export type DemoEvent =
  | { readonly type: 'system-ready'; readonly system: EstateSystem; readonly url: string; readonly pid: number }
  | {
      readonly type: 'journey-ended'
      readonly journey: JourneyRef
      readonly outcome: JourneyOutcome
      readonly reason?: string
      readonly order?: CompletedOrder
    }
  | { readonly type: 'system-output'; readonly system: EstateSystem; readonly stream: 'stdout' | 'stderr'; readonly line: string }
  | { readonly type: 'system-problem'; readonly system: EstateSystem; readonly message: string }
  | {
      readonly type: 'system-exited'
      readonly system: EstateSystem
      readonly code: number | null
      readonly signal: string | null
      readonly expected: boolean
    }

/** How to start an estate: the demo options, where its spans go, and who hears its events. */
export interface DemoEstateOptions extends DemoOptions {
  /** The Throughline OTLP/HTTP receiver's base URL (spans go to `<endpoint>/v1/traces`). */
  readonly endpoint: string
  /** The ingest key every system exports with. */
  readonly apiKey: string
  readonly onEvent?: (event: DemoEvent) => void
  /** How long a system may take to start listening (default 60 s). */
  readonly startTimeoutMs?: number
  /** How long stop() lets a system flush before killing it (default 10 s). */
  readonly stopTimeoutMs?: number
}

/** A running demo estate. */
export interface DemoEstate {
  /** Each system's base URL. */
  readonly systems: Readonly<Record<EstateSystem, string>>
  /** Each system's process id. */
  readonly pids: Readonly<Record<EstateSystem, number>>
  /** The seed in use, to replay this run. */
  readonly seed: number
  /** Resolves when the bounded run (`journeys`) has ended; with live traffic, once stop() has. */
  readonly done: Promise<DemoRunSummary>
  /** Sends a fixed set of journeys besides any other traffic; resolves when each has ended. */
  burst(counts: Partial<JourneyCounts>): Promise<DemoRunSummary>
  /** Stops traffic and every system (flushing its spans); kills systems that do not exit in time. */
  stop(): Promise<void>
}

async function spawnAll(options: DemoEstateOptions, hooks: SystemHooks): Promise<Map<EstateSystem, SystemProcess>> {
  const { endpoint, apiKey, seed, rate, stores, faults } = options
  const started = await Promise.allSettled(
    ESTATE_SYSTEMS.map((system) =>
      spawnSystem(
        { system, serviceName: SERVICE_NAMES[system], endpoint, apiKey, seed, rate, stores, faults },
        hooks,
        options.startTimeoutMs ?? 60_000,
      ),
    ),
  )
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
  const failure = started.find((result) => result.status === 'rejected')
  if (failure !== undefined) {
    await Promise.all(running.map((system) => system.stop(options.stopTimeoutMs ?? 10_000)))
    throw failure.reason
  }
  return new Map(running.map((system) => [system.system, system]))
}

/**
 * Starts the demo estate: seven system processes tracing with the SDK into `endpoint`, and the
 * traffic between them (a bounded run when `journeys` is given, live traffic otherwise).
 */
export async function startDemoEstate(options: DemoEstateOptions): Promise<DemoEstate> {
  if (!(options.rate > 0 && Number.isFinite(options.rate))) throw new RangeError(`demo rate must be a positive number, got ${options.rate}`)
  const emit = (event: DemoEvent): void => options.onEvent?.(event)
  const ledger = new JourneyLedger()
  const bursts = new Set<BurstRun>()
  let stopping = false

  const hooks: SystemHooks = {
    message: (system, message: FromSystem) => {
      if (message.kind === 'problem') emit({ type: 'system-problem', system, message: message.message })
      // Journeys cut short by the estate's own shutdown are not news.
      else if (message.kind === 'journey-ended' && !stopping && ledger.settle(message)) {
        const { journey, outcome, reason, order } = message
        emit({ type: 'journey-ended', journey, outcome, reason, order })
      }
    },
    output: (system, stream, line) => emit({ type: 'system-output', system, stream, line }),
    exited: (system, code, signal, expected) => {
      emit({ type: 'system-exited', system, code, signal, expected: expected || stopping })
      // Journeys through a crashed system never end; a bounded run must not wait for them.
      if (!expected && !stopping) for (const burst of bursts) burst.interrupt()
    },
  }

  const processes = await spawnAll(options, hooks)
  const urls = Object.fromEntries([...processes].map(([system, child]) => [system, child.url])) as Record<EstateSystem, string>
  const pids = Object.fromEntries([...processes].map(([system, child]) => [system, child.pid])) as Record<EstateSystem, number>
  for (const child of processes.values()) {
    child.send({ kind: 'peers', urls })
    emit({ type: 'system-ready', system: child.system, url: child.url, pid: child.pid })
  }

  const scenarios = new ScenarioFactory(options.seed, openStores(options.stores))
  const launch = (command: DriveCommand, owner: BurstRun | LiveTraffic): void => {
    if (stopping) return
    ledger.track(journeyOf(command), owner)
    processes.get(ORIGIN_OF[command.journey])?.send({ kind: 'drive', command })
  }
  const burst = (counts: Partial<JourneyCounts>): Promise<DemoRunSummary> => {
    const run = new BurstRun({ ...NO_JOURNEYS, ...counts }, { scenarios, rate: options.rate, launch })
    bursts.add(run)
    if (stopping) run.interrupt()
    else run.start()
    return run.finished.finally(() => {
      bursts.delete(run)
      ledger.release(run)
    })
  }
  const live = new LiveTraffic({ scenarios, random: new Random(hashSeed(options.seed, 'live')), rate: options.rate, launch })

  let resolveStopped: () => void = () => undefined
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve))
  let done: Promise<DemoRunSummary>
  if (options.journeys === undefined) {
    live.start()
    done = stopped.then(() => live.summary())
  } else {
    done = burst(options.journeys)
  }

  let stopPromise: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopPromise ??= (async () => {
      stopping = true
      live.stop()
      for (const run of bursts) run.interrupt()
      await Promise.all([...processes.values()].map((child) => child.stop(options.stopTimeoutMs ?? 10_000)))
      resolveStopped()
    })()
    return stopPromise
  }

  return { systems: urls, pids, seed: options.seed, done, burst, stop }
}
