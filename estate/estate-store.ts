/**
 * The estate store: what the spans alone say about the integrations between systems, for the
 * IT, overview and operations views. SQL comes from the pure builders in ./queries/estate*.ts;
 * this module runs it and maps rows to the API's shapes.
 */
import type {
  Attributes,
  EstateFiltersResponse,
  EstateHop,
  EstateHopsResponse,
  EstateLatencyResponse,
  EstateMessagesResponse,
  EstateScope,
  EstateStockResponse,
  EstateTracesResponse,
  LatencyStats,
  MessageProblem,
  ReplayState,
  StockMismatch,
  StockMismatchGroup,
} from '../core/index.ts'
import { autoStepSeconds, bucketEnds, deadLetterId } from '../core/index.ts'
import { sql, type SchemaTarget, type Warehouse } from '../storage/index.ts'
import { nanosToIso } from '../spans/index.ts'
import { callHopsQuery, latencySeriesQuery, latencyTotalsQuery, messageHopsQuery, type EstateFilter } from './queries/estate-filter.ts'
import {
  messageProblemCountsQuery,
  messageProblemsQuery,
  messageScope,
  traceListQuery,
  type TraceListMode,
} from './queries/estate-traces.ts'
import { replayStateCountsQuery } from './queries/dead-letter-outcomes.ts'
import { deadLetterReplays } from './dead-letter-replays.ts'
import { filterValuesQuery } from './queries/filter-values.ts'
import { comparedPairsQuery, stockMismatchesQuery, stockMismatchTrendQuery } from './queries/stock-comparison.ts'

/** Rows of a trace or message list. */
const LIST_LIMIT = 50
const MAX_MISMATCHES = 200
const MAX_FILTER_VALUES = 200

/** How stock readings are compared: the tolerance in units and the settle time in seconds. */
export interface StockOptions {
  readonly tolerance: number
  readonly settleSeconds: number
}

/** The estate reads the query API serves. */
export interface EstateStore {
  /** Latency and errors per service (or per span name of `filter.service`) in buckets of `stepSeconds`. */
  latency(filter: EstateFilter, stepSeconds: number): Promise<EstateLatencyResponse>
  /** Services and the calls and messages between them. */
  hops(filter: EstateFilter): Promise<EstateHopsResponse>
  /** The slowest traces, or the newest failed ones. */
  traces(filter: EstateFilter, mode: TraceListMode): Promise<EstateTracesResponse>
  /** Failed, retried and dead-lettered message deliveries, each dead letter with what became of it by `now`. */
  messages(filter: EstateFilter, now?: Date): Promise<EstateMessagesResponse>
  /** SKUs whose stock differs between systems. */
  stock(filter: EstateFilter, options: StockOptions): Promise<EstateStockResponse>
  /** The values the filter lists offer. */
  filterValues(filter: EstateFilter): Promise<EstateFiltersResponse>
}

type Count = number | string
interface StatsRow {
  readonly count: Count
  readonly errors: Count
  readonly quantilesMs: readonly number[]
}

function stats(row: StatsRow): LatencyStats {
  const [p50 = 0, p95 = 0, p99 = 0] = row.quantilesMs
  return { count: Number(row.count), errors: Number(row.errors), p50Ms: Number(p50), p95Ms: Number(p95), p99Ms: Number(p99) }
}

/** The window and filters of a request, as the answer echoes them. */
function scopeOf(filter: EstateFilter): EstateScope {
  const { service, span, store, channel, region } = filter
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    ...(service !== undefined ? { service } : {}),
    ...(span !== undefined ? { span } : {}),
    ...(store !== undefined ? { store } : {}),
    ...(channel !== undefined ? { channel } : {}),
    ...(region !== undefined ? { region } : {}),
  }
}

interface HopRow extends StatsRow {
  readonly kind: 'call' | 'message'
  readonly fromService: string
  readonly fromSystem: string
  readonly toService: string
  readonly toSystem: string
  readonly operations: readonly string[]
  readonly retries: Count
  readonly deadLetters: Count
  /** Messages only: p50 and p95 of the wait from the send to the start of processing. */
  readonly queueDelayMs?: readonly number[]
}

function toHop(row: HopRow): EstateHop {
  return {
    kind: row.kind,
    fromService: row.fromService,
    fromSystem: row.fromSystem,
    toService: row.toService,
    toSystem: row.toSystem,
    operations: row.operations,
    retries: Number(row.retries),
    deadLetters: Number(row.deadLetters),
    ...stats(row),
    ...(row.queueDelayMs ? { queueDelay: { p50Ms: Number(row.queueDelayMs[0] ?? 0), p95Ms: Number(row.queueDelayMs[1] ?? 0) } } : {}),
  }
}

interface StockRow {
  readonly sku: string
  readonly location: string
  readonly store: string
  readonly channel: string
  readonly spreadNow: Count
  readonly readings: readonly (readonly [string, number, string, string])[]
}

/** Mismatches summed per store or channel, most SKUs first. */
function groupMismatches(mismatches: readonly StockMismatch[], by: 'store' | 'channel'): StockMismatchGroup[] {
  const groups = new Map<string, { skus: number; unitsApart: number }>()
  for (const mismatch of mismatches) {
    const name = mismatch[by] === '' ? '(none)' : mismatch[by]
    const group = groups.get(name) ?? { skus: 0, unitsApart: 0 }
    group.skus += 1
    group.unitsApart += mismatch.unitsApart
    groups.set(name, group)
  }
  return [...groups]
    .map(([name, group]) => ({ name, ...group }))
    .sort((a, b) => b.skus - a.skus || b.unitsApart - a.unitsApart || a.name.localeCompare(b.name))
}

/** Creates the estate store over a warehouse. */
export function createEstateStore(warehouse: Warehouse, target: SchemaTarget): EstateStore {
  return {
    async latency(filter, stepSeconds) {
      const totals = await warehouse.rows<StatsRow & { name: string; system: string }>(latencyTotalsQuery(target, filter))
      const names = totals.map((row) => row.name)
      const points =
        names.length === 0
          ? []
          : await warehouse.rows<StatsRow & { name: string; bucket: Count }>(latencySeriesQuery(target, filter, stepSeconds, names))
      return {
        ...scopeOf(filter),
        stepSeconds,
        groupBy: filter.service === undefined ? 'service' : 'span',
        series: totals.map((row) => ({
          name: row.name,
          system: row.system,
          total: stats(row),
          points: points
            .filter((point) => point.name === row.name)
            .map((point) => ({ at: new Date(Number(point.bucket) * 1000).toISOString(), ...stats(point) })),
        })),
      }
    },

    async hops(filter) {
      const [calls, messages, services] = await Promise.all([
        warehouse.rows<HopRow>(callHopsQuery(target, filter)),
        warehouse.rows<HopRow>(messageHopsQuery(target, filter)),
        warehouse.rows<StatsRow & { name: string; system: string }>(
          latencyTotalsQuery(target, { ...filter, service: undefined, span: undefined }),
        ),
      ])
      return {
        ...scopeOf(filter),
        hops: [...calls, ...messages].map(toHop),
        services: services.map((row) => ({ service: row.name, system: row.system, ...stats(row) })),
      }
    },

    async traces(filter, mode) {
      const rows = await warehouse.rows<{
        traceId: string
        startNs: string
        durationNs: Count
        spanCount: Count
        errorCount: Count
        rootService: string
        rootSpan: string
        services: string[]
        error: string
        keys: [string, string][]
      }>(traceListQuery(target, filter, mode, LIST_LIMIT))
      return {
        ...scopeOf(filter),
        traces: rows.map((row) => ({
          traceId: row.traceId,
          startTime: nanosToIso(row.startNs),
          durationMs: Number(row.durationNs) / 1e6,
          spanCount: Number(row.spanCount),
          errorCount: Number(row.errorCount),
          rootService: row.rootService,
          rootSpan: row.rootSpan,
          services: row.services,
          error: row.error,
          keys: row.keys.map(([key, value]) => ({ key, value })),
        })),
      }
    },

    async messages(filter, now = new Date()) {
      const [rows, counts, states] = await Promise.all([
        warehouse.rows<{
          atNs: string
          traceId: string
          spanId: string
          service: string
          system: string
          span: string
          kind: string
          destination: string
          problem: MessageProblem
          attempt: Count
          message: string
          businessKeys: Attributes
        }>(messageProblemsQuery(target, filter, LIST_LIMIT)),
        warehouse.rows<{ failed: Count; retried: Count; deadLettered: Count }>(messageProblemCountsQuery(target, filter)),
        warehouse.rows<{ state: ReplayState; count: Count; oldestNs: Count }>(
          replayStateCountsQuery(target, messageScope(filter), filter.from),
        ),
      ])
      const deadLetters = rows
        .filter((row) => row.problem === 'dead_letter')
        // BigInt: a nanosecond count is past a double's precision, and a millisecond rounded up would miss its own dead letter.
        .map((row) => ({ traceId: row.traceId, spanId: row.spanId, timeMs: Number(BigInt(row.atNs) / 1_000_000n) }))
      const replays = await deadLetterReplays(warehouse, target, filter.tenant, deadLetters, now)
      const stateCount = (state: ReplayState): number => Number(states.find((row) => row.state === state)?.count ?? 0)
      const oldestWaiting = states.find((row) => row.state === 'waiting')?.oldestNs
      return {
        ...scopeOf(filter),
        counts: {
          failed: Number(counts[0]?.failed ?? 0),
          retried: Number(counts[0]?.retried ?? 0),
          deadLettered: Number(counts[0]?.deadLettered ?? 0),
        },
        replays: {
          waiting: stateCount('waiting'),
          replayed: stateCount('replayed'),
          replay_succeeded: stateCount('replay_succeeded'),
          replay_failed: stateCount('replay_failed'),
          ...(oldestWaiting !== undefined ? { oldestWaitingAt: nanosToIso(String(oldestWaiting)) } : {}),
        },
        messages: rows.map((row) => ({
          at: nanosToIso(row.atNs),
          traceId: row.traceId,
          spanId: row.spanId,
          service: row.service,
          system: row.system,
          span: row.span,
          kind: row.kind === 'producer' || row.kind === 'consumer' ? row.kind : 'other',
          destination: row.destination,
          problem: row.problem,
          attempt: Number(row.attempt),
          message: row.message,
          businessKeys: row.businessKeys,
          ...(replays.has(deadLetterId(row)) ? { replay: replays.get(deadLetterId(row)) } : {}),
        })),
      }
    },

    async stock(filter, options) {
      const settledAt = new Date(filter.to.getTime() - options.settleSeconds * 1000)
      const scope = {
        tenant: filter.tenant,
        from: filter.from,
        to: filter.to,
        store: filter.store,
        channel: filter.channel,
        region: filter.region,
      }
      const stepSeconds = autoStepSeconds(filter.to.getTime() - filter.from.getTime())
      const ends = bucketEnds(filter.from.getTime(), filter.to.getTime(), stepSeconds * 1000)
      const [rows, pairs, overTime] = await Promise.all([
        warehouse.rows<StockRow>(
          sql`SELECT * FROM (${stockMismatchesQuery(target, scope, settledAt, options.tolerance)}) ORDER BY spreadNow DESC, sku, location LIMIT ${MAX_MISMATCHES}`,
        ),
        warehouse.rows<{ pairs: Count }>(comparedPairsQuery(target, scope)),
        warehouse.rows<{ at: Count; mismatches: Count }>(
          stockMismatchTrendQuery(target, scope, ends, options.settleSeconds * 1000, options.tolerance),
        ),
      ])
      const counted = new Map(overTime.map((row) => [Number(row.at), Number(row.mismatches)]))
      const mismatches: StockMismatch[] = rows.map((row) => ({
        sku: row.sku,
        location: row.location,
        store: row.store,
        channel: row.channel,
        unitsApart: Number(row.spreadNow),
        readings: row.readings.map(([system, onHand, atNs, traceId]) => ({
          system,
          onHand: Number(onHand),
          at: nanosToIso(atNs),
          traceId,
        })),
      }))
      return {
        ...scopeOf(filter),
        tolerance: options.tolerance,
        settleSeconds: options.settleSeconds,
        mismatches,
        byStore: groupMismatches(mismatches, 'store'),
        byChannel: groupMismatches(mismatches, 'channel'),
        comparedPairs: Number(pairs[0]?.pairs ?? 0),
        stepSeconds,
        overTime: ends.map((at) => ({ at: new Date(at).toISOString(), mismatches: counted.get(at) ?? 0 })),
        truncated: rows.length >= MAX_MISMATCHES,
      }
    },

    async filterValues(filter) {
      const [row] = await warehouse.rows<{ stores: string[]; channels: string[]; regions: string[]; services: string[] }>(
        filterValuesQuery(target, filter, MAX_FILTER_VALUES),
      )
      return {
        ...scopeOf(filter),
        stores: row?.stores ?? [],
        channels: row?.channels ?? [],
        regions: row?.regions ?? [],
        services: row?.services ?? [],
      }
    },
  }
}
