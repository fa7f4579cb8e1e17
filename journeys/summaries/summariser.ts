/**
 * The journey summariser keeps one evaluated row per journey, so lists and counts read a row per
 * journey instead of evaluating every journey's stage rows on each request. Each pass
 * re-evaluates the journeys whose state rows were touched since its watermark; a journey type
 * without a finished backfill under its current definition is backfilled first. The watermark
 * trails the server's clock by `lagMs`, so an insert still being committed when a pass reads the
 * touches is picked up by the next pass; readers evaluate the keys touched after the watermark
 * live, so answers are exact whatever the summariser's delay.
 */
import { keyedSerialQueues, runPeriodically, type Periodic } from '../../core/index.ts'
import type { Warehouse } from '../../storage/index.ts'
import { optimizeTable, type SchemaTarget } from '../../storage/index.ts'
import { definitionHash } from '../model/definition-hash.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { touchedKeys, type SummaryMark } from './journey-source.ts'
import {
  hideMovedSummariesStatement,
  journeyKeysShare,
  journeyTenantsQuery,
  newestTouchQuery,
  SERVER_NOW,
  summariseJourneysStatement,
  summaryMarkQuery,
  summaryMarkStatement,
  touchesQuery,
} from './summary-queries.ts'
import { summariseJourneys } from './summary-rows.ts'

/** Journeys evaluated in one backfill statement at most, which bounds its memory. */
const BACKFILL_SHARE = 250_000
/** Touches summarised in the process at most; more (a bulk load) are summarised by the server. */
const IN_PROCESS_TOUCHES = 5_000
/**
 * How often days whose summaries were rewritten are merged back into one part each: a FINAL read
 * merges a day of several parts on every read, a day of one part not at all.
 */
const COMPACT_EVERY_MS = 5 * 60_000
/** How often marks are written, so a restart resumes near where it stopped. */
const MARK_EVERY_MS = 30_000

/** How a summariser trails the clock, reports failures and learns whether it leads. */
export interface SummariserOptions {
  /** How far the watermark trails the server's clock: longer than any insert takes to commit. */
  readonly lagMs: number
  /** Where a failed pass is reported; the next pass retries it, later after each failure in a row. */
  readonly onError: (error: unknown) => void
  /**
   * Whether this instance does the cluster's background work now; always, unless said. The
   * others' passes only follow the marks the leader writes; reads refresh on every instance.
   */
  readonly leads?: () => boolean
}

/** The summariser of a platform's journey types. */
export interface JourneySummariser {
  /** The marks of the types summarised so far; a type without one is read live. */
  marks(): ReadonlyMap<string, SummaryMark>
  /** One pass: backfills what needs it, then summarises the journeys touched since the watermark. */
  pass(): Promise<void>
  /** Brings a tenant's summaries of the given types up to what is stored now, so a read is exact. */
  refresh(tenant: string, types: readonly string[]): Promise<void>
  /** Runs a pass every `intervalMs` (a pass never overlaps the previous one). */
  start(intervalMs: number): void
  /** Stops the passes and writes the marks. */
  stop(): Promise<void>
}

interface TypeState {
  readonly graph: StageGraph
  readonly definition: string
  /** Undefined until the type's summaries are complete up to some point. */
  watermarkMs?: number
  markedMs?: number
}

/** Creates the summariser for the configured journey types. */
export function createJourneySummariser(
  warehouse: Warehouse,
  target: SchemaTarget,
  graphs: readonly StageGraph[],
  options: SummariserOptions,
): JourneySummariser {
  const states = graphs.map((graph): TypeState => ({ graph, definition: definitionHash(graph.definition) }))
  let published: ReadonlyMap<string, SummaryMark> = new Map()
  let loop: Periodic | undefined
  let running: Promise<void> | undefined
  /** Per tenant and type, the newest touch a refresh summarised: readers refresh only past it. */
  const refreshed = new Map<string, number>()
  const refreshing = new Map<string, Promise<void>>()
  const rewritesOf = keyedSerialQueues()

  const publish = (): void => {
    published = new Map(
      states.flatMap((state) =>
        state.watermarkMs === undefined
          ? []
          : [[state.graph.definition.type, { definition: state.definition, watermarkMs: state.watermarkMs }] as const],
      ),
    )
  }

  const writeMark = async (state: TypeState): Promise<void> => {
    if (state.watermarkMs === undefined || state.markedMs === state.watermarkMs) return
    await warehouse.command(summaryMarkStatement(target, state.graph.definition.type, state.definition, state.watermarkMs))
    state.markedMs = state.watermarkMs
  }

  /** Takes up the marks another instance wrote, without summarising: a follower's pass. */
  const follow = async (): Promise<void> => {
    for (const state of states) {
      const [mark] = await warehouse.rows<{ watermarkMs: number | string; marks: number | string }>(
        summaryMarkQuery(target, state.graph.definition.type, state.definition),
      )
      if (mark && Number(mark.marks) > 0) state.watermarkMs = state.markedMs = Math.max(Number(mark.watermarkMs), state.watermarkMs ?? 0)
    }
    publish()
  }

  /** Resumes from a mark, or evaluates every journey of the type. */
  const prepare = async (state: TypeState, nowMs: number): Promise<void> => {
    const [mark] = await warehouse.rows<{ watermarkMs: number | string; marks: number | string }>(
      summaryMarkQuery(target, state.graph.definition.type, state.definition),
    )
    if (mark && Number(mark.marks) > 0) {
      state.watermarkMs = state.markedMs = Number(mark.watermarkMs)
      return
    }
    const upTo = nowMs - options.lagMs
    const tenants = await warehouse.rows<{ tenant: string; journeys: number | string }>(journeyTenantsQuery(target, state.graph))
    for (const { tenant, journeys } of tenants) {
      const shares = Math.max(1, Math.ceil(Number(journeys) / BACKFILL_SHARE))
      for (let share = 0; share < shares; share++) {
        const keys = journeyKeysShare(target, tenant, state.graph, share, shares)
        await exclusively(tenant, state, async () => {
          await warehouse.command(
            summariseJourneysStatement(target, tenant, state.graph, state.definition, nowMs, shares === 1 ? undefined : keys),
          )
          // Rows of an interrupted backfill under this definition, on a day their journey left since.
          await warehouse.command(hideMovedSummariesStatement(target, tenant, state.graph, state.definition, nowMs, keys))
        })
      }
    }
    state.watermarkMs = upTo
    await writeMark(state)
    await compact(nowMs)
  }

  let compactedMs = 0
  const compact = async (nowMs: number): Promise<void> => {
    compactedMs = nowMs
    await warehouse.command(optimizeTable(target, 'journey_summaries'))
  }

  /**
   * Summarises a tenant's journeys of a type touched in (from, upTo]: a few in the process, where
   * the SQL evaluation would spend longer planning than working; many (a bulk load) in the server.
   */
  const summariseTouched = (
    tenant: string,
    state: TypeState,
    from: number,
    upTo: number,
    touches: number,
    version: number,
  ): Promise<void> =>
    exclusively(tenant, state, async () => {
      const keys = touchedKeys(target, tenant, state.graph, from, upTo)
      if (touches <= IN_PROCESS_TOUCHES) await summariseJourneys(warehouse, target, tenant, state.graph, state.definition, version, keys)
      else await warehouse.command(summariseJourneysStatement(target, tenant, state.graph, state.definition, version, keys))
      await warehouse.command(hideMovedSummariesStatement(target, tenant, state.graph, state.definition, version, keys))
    })

  /** Runs one rewrite of a tenant's summaries of a type at a time, so a rewrite's clean-up sees every older row. */
  const exclusively = (tenant: string, state: TypeState, rewrite: () => Promise<void>): Promise<void> =>
    rewritesOf(`${tenant}\u0000${state.graph.definition.type}`, rewrite)

  const summariseSinceWatermarks = async (nowMs: number): Promise<void> => {
    const ready = states.filter((state) => state.watermarkMs !== undefined)
    if (ready.length === 0) return
    const upTo = nowMs - options.lagMs
    const from = Math.min(...ready.map((state) => state.watermarkMs!))
    if (upTo <= from) return
    const touched = await warehouse.rows<{ tenant: string; type: string; keyName: string; touches: number | string }>(
      touchesQuery(target, from, upTo),
    )
    for (const state of ready) {
      const { type, rootKey } = state.graph.definition
      const tenants = new Map<string, number>()
      for (const touch of touched) {
        if ((touch.type === type || touch.type === '') && touch.keyName === rootKey)
          tenants.set(touch.tenant, (tenants.get(touch.tenant) ?? 0) + Number(touch.touches))
      }
      for (const [tenant, touches] of tenants) await summariseTouched(tenant, state, state.watermarkMs!, upTo, touches, nowMs)
      state.watermarkMs = Math.max(state.watermarkMs!, upTo)
      if (nowMs - (state.markedMs ?? 0) >= MARK_EVERY_MS) await writeMark(state)
      // A bulk load rewrote many days in several parts each: merged now, not at the next turn.
      if ([...tenants.values()].some((touches) => touches > IN_PROCESS_TOUCHES)) compactedMs = 0
    }
  }

  /** Summarises a tenant's journeys of a type touched since the watermark, or since the last refresh. */
  const refreshType = async (tenant: string, state: TypeState): Promise<void> => {
    const refreshKey = `${tenant}\u0000${state.graph.definition.type}`
    const from = Math.max(state.watermarkMs!, refreshed.get(refreshKey) ?? 0)
    const [newest] = await warehouse.rows<{ newestMs: number | string; touches: number | string; nowMs: number | string }>(
      newestTouchQuery(target, tenant, state.graph, from),
    )
    if (!newest || Number(newest.touches) === 0) return
    const upTo = Number(newest.newestMs)
    await summariseTouched(tenant, state, from, upTo, Number(newest.touches), Number(newest.nowMs))
    refreshed.set(refreshKey, Math.max(upTo, refreshed.get(refreshKey) ?? 0))
  }

  const pass = (): Promise<void> =>
    (running ??= (async () => {
      try {
        if (options.leads && !options.leads()) {
          await follow()
          return
        }
        const [clock] = await warehouse.rows<{ nowMs: number | string }>(SERVER_NOW)
        const nowMs = Number(clock!.nowMs)
        for (const state of states) {
          if (state.watermarkMs === undefined) {
            await prepare(state, nowMs)
            publish()
          }
        }
        await summariseSinceWatermarks(nowMs)
        publish()
        if (nowMs - compactedMs >= COMPACT_EVERY_MS) await compact(nowMs)
      } finally {
        running = undefined
      }
    })())

  return {
    marks: () => published,
    pass,
    async refresh(tenant, types) {
      await Promise.all(
        states
          .filter((state) => state.watermarkMs !== undefined && types.includes(state.graph.definition.type))
          .map((state) => {
            const key = `${tenant}\u0000${state.graph.definition.type}`
            const inFlight = refreshing.get(key) ?? refreshType(tenant, state).finally(() => refreshing.delete(key))
            refreshing.set(key, inFlight)
            return inFlight
          }),
      )
    },
    start(intervalMs) {
      loop = runPeriodically(pass, { intervalMs, onError: (error) => options.onError(error) })
    },
    async stop() {
      await loop?.stop()
      await running?.catch(() => {})
      for (const state of states) await writeMark(state).catch((error: unknown) => options.onError(error))
    },
  }
}
