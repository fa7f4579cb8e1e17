/**
 * Indexes the spans stored before the journey-span index existed, in the background and newest
 * first, so an upgrade neither holds the platform's start nor leaves recent journeys on the slower
 * read for long. `journey_span_backfill` logs the time from which the index is whole; each step
 * indexes the hour before it and moves it back, until no older span is left. An hour keeps each
 * step short (about 0.2 s at 10M spans a week), because the embedded engine serves one statement
 * at a time and a lookup waits behind it. Where several instances share a cluster only the one
 * that leads the background work indexes; the others follow the log, so their lookups know which
 * read a window takes. Whoever wrote the log, the next leader carries on from it; an hour indexed
 * twice is one row per span once merged and to every lookup before. Lookups ask `indexedFromNs`.
 */
import { runPeriodically, type Periodic } from '../../core/index.ts'
import type { Warehouse } from '../../storage/index.ts'
import { journeySpanRows } from './journey-spans-table.ts'
import { tableRef, type SchemaTarget, sql } from '../../storage/index.ts'

const STEP_NS = 3_600_000_000_000n

/** The background indexing of spans stored before the journey-span index. */
export interface JourneySpanBackfill {
  /** Nanoseconds from which every stored span is in the index ('0' once all are); undefined until the log was first read. */
  indexedFromNs(): string | undefined
  /** Indexes one more hour; true once nothing is left. */
  step(): Promise<boolean>
  /** Steps every `intervalMs` until done. */
  start(intervalMs: number): void
  /** Stops after the step under way. */
  stop(): Promise<void>
}

/** Options of the backfill. */
export interface JourneySpanBackfillOptions {
  /** Where a failed step is reported; the next step retries it, later after each failure in a row. */
  readonly onError: (error: unknown) => void
  /** Told once the backfill is done, with how many hours this instance indexed. */
  readonly onDone?: (hours: number) => void
  /** Whether this instance does the cluster's background work now; always, unless said. */
  readonly leads?: () => boolean
}

/** Creates the backfill over a warehouse; nothing runs until `step` or `start`. */
export function createJourneySpanBackfill(
  warehouse: Warehouse,
  target: SchemaTarget,
  options: JourneySpanBackfillOptions,
): JourneySpanBackfill {
  const log = tableRef(target, 'journey_span_backfill')
  let indexedFrom: string | undefined
  /** The oldest span older than the first boundary seen: read once, as it takes a look at every older part. */
  let oldestNs: bigint | undefined
  let hours = 0
  let loop: Periodic | undefined

  const record = (boundaryNs: string, done: boolean): Promise<void> =>
    warehouse.command(
      sql`INSERT INTO ${log} (Boundary, Done, At) VALUES (fromUnixTimestamp64Nano(toInt64(${boundaryNs})), ${done ? 1 : 0}, now64(3))`,
    )

  async function step(): Promise<boolean> {
    if (indexedFrom === '0') return true
    const [state] = await warehouse.rows<{ boundary: string; done: number | string; entries: number | string }>(sql`
      SELECT toString(toUnixTimestamp64Nano(argMax(Boundary, At))) AS boundary, argMax(Done, At) AS done, count() AS entries FROM ${log}`)
    if (!state || Number(state.entries) === 0 || Number(state.done) === 1) {
      indexedFrom = '0'
      return true
    }
    const boundary = BigInt(state.boundary)
    if (options.leads && !options.leads()) {
      indexedFrom = boundary.toString()
      return false
    }
    if (oldestNs === undefined) {
      const [older] = await warehouse.rows<{ oldest: string; spans: number | string }>(sql`
        SELECT toString(toUnixTimestamp64Nano(min(Timestamp))) AS oldest, count() AS spans
        FROM ${tableRef(target, 'spans')} WHERE Timestamp < fromUnixTimestamp64Nano(toInt64(${boundary.toString()}))`)
      oldestNs = older && Number(older.spans) > 0 ? BigInt(older.oldest) : boundary
    }
    if (oldestNs >= boundary) {
      await record(boundary.toString(), true)
      indexedFrom = '0'
      return true
    }
    const from = ((boundary - 1n) / STEP_NS) * STEP_NS
    await warehouse.command(
      sql`INSERT INTO ${tableRef(target, 'journey_spans')} ${journeySpanRows(
        tableRef(target, 'spans'),
        sql`
      Timestamp >= fromUnixTimestamp64Nano(toInt64(${from.toString()})) AND Timestamp < fromUnixTimestamp64Nano(toInt64(${boundary.toString()}))`,
      )}`,
    )
    const done = oldestNs >= from
    await record(from.toString(), done)
    hours += 1
    indexedFrom = done ? '0' : from.toString()
    return done
  }

  return {
    indexedFromNs: () => indexedFrom,
    step,
    start: (intervalMs) => {
      loop = runPeriodically(
        async () => {
          if (!(await step())) return 'again'
          options.onDone?.(hours)
          return 'done'
        },
        { intervalMs, firstDelayMs: 0, onError: (error) => options.onError(error) },
      )
    },
    stop: async () => {
      await loop?.stop()
    },
  }
}
