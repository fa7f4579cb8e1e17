/**
 * Journey status in SQL over the journey-state table: the same arithmetic as the evaluator in
 * ./evaluate.ts (epoch milliseconds, 0 for never), compiled from a journey's stage
 * graph, so a list filtered by status reads journey rows and agrees with a single lookup.
 *
 * Shaped by two costs measured on the embedded engine. ClickHouse inlines aliases, so state
 * expressions that refer to due times that refer to due times grow with every stage and analysis
 * alone took half a second: each layer below is a subquery, so the next reads plain columns. And
 * array lambdas over the graph (arrayFold over bound predecessor lists) analyse quickly but ran
 * at seven seconds per 100,000 journeys: per-stage columns are vectorised instead.
 */
import { identifier, joinSql, sql, type Sql, tableRef, type SchemaTarget } from '../../storage/index.ts'
import type { StageGraph } from '../model/stage-graph.ts'
import { stageReachedSql } from './stage-reached.ts'

/**
 * Settings for every statement that reads journey status, both measured on 100,000 journeys. The
 * and-compare-chain rewrite derives comparisons from chains like `r > 0 AND due > 0 AND r > due`:
 * half a second of analysis that helps no filter here. Short-circuit evaluation of the nested
 * AND, OR and multiIf masks and re-filters columns at every level: three times slower than
 * evaluating every branch, which is safe here (an index of 0 reads a default, nothing throws).
 * Summaries are partitioned by start day and a journey lives in one day, so FINAL merges within
 * each day and reads a day of one merged part as it is.
 */
export const STATUS_SETTINGS = sql`SETTINGS optimize_and_compare_chain = 0, short_circuit_function_evaluation = 'disable', do_not_merge_across_partitions_select_final = 1`

/** The stage names as one bound array, to name a stage by its index. */
function stageNames(graph: StageGraph): Sql {
  return sql`${graph.stages.map((stage) => stage.name)}`
}

const col = (prefix: string, i: number): Sql => sql`${identifier(`${prefix}_${i}`)}`
const anyOf = (parts: Sql[]): Sql => (parts.length === 0 ? sql`0` : sql`(${joinSql(parts, ' OR ')})`)
const allOf = (parts: Sql[]): Sql => (parts.length === 0 ? sql`1` : sql`(${joinSql(parts, ' AND ')})`)
const sum = (parts: Sql[]): Sql => (parts.length === 0 ? sql`0` : sql`(${joinSql(parts, ' + ')})`)

/** Journeys that started in a window, in epoch milliseconds. */
export interface StartWindow {
  readonly fromMs?: number
  readonly toMs?: number
}

/** Which journeys a status query evaluates: those that started in a window, those whose keys a subquery returns, or all. */
export interface JourneyScope {
  readonly window?: StartWindow
  /** A subquery returning the `KeyValue`s to evaluate. */
  readonly keys?: Sql
}

/** The state rows of a tenant's journeys of one type. */
function stateRows(tenant: string, graph: StageGraph): Sql {
  const definition = graph.definition
  return sql`Tenant = ${tenant} AND JourneyType IN ${[definition.type, '']} AND KeyName = ${definition.rootKey}
      AND Stage IN ${['', ...graph.stages.map((stage) => stage.name)]}`
}

/**
 * Keys with a row in the window: a journey that started in it has its first row there. Daily
 * partitions make this read the window's days only; the journeys' other rows are then read by key.
 */
function windowKeys(target: SchemaTarget, tenant: string, graph: StageGraph, window: StartWindow): Sql {
  if (window.fromMs === undefined && window.toMs === undefined) return sql``
  const bounds: Sql[] = []
  if (window.fromMs !== undefined) bounds.push(sql`First >= fromUnixTimestamp64Milli(toInt64(${window.fromMs}))`)
  if (window.toMs !== undefined) bounds.push(sql`First <= fromUnixTimestamp64Milli(toInt64(${window.toMs}))`)
  return sql` AND KeyValue GLOBAL IN (SELECT KeyValue FROM ${tableRef(target, 'journey_stages')} WHERE ${stateRows(tenant, graph)} AND ${joinSql(bounds, ' AND ')})`
}

/**
 * Layers 1 and 2: one row per journey, aggregated straight from the state rows (a fold per key,
 * stage and store first cost five times as much), with per stage `r_i` when it was reached,
 * `h_i` how many rows marked it, `f_i` whether any failed and `s_i` the system that reached it.
 */
export function journeyRowsQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  extra: readonly Sql[] = [],
  scope: JourneyScope = {},
): Sql {
  const perStage = graph.stages.flatMap((stage, i) => [
    sql`${stageReachedSql(stage)} AS ${col('r', i)}`,
    sql`countIf(Stage = ${stage.name}) AS ${col('h', i)}`,
    sql`maxIf(Failed, Stage = ${stage.name}) AS ${col('f', i)}`,
    sql`anyIf(System, Stage = ${stage.name} AND FirstOk IS NOT NULL) AS ${col('s', i)}`,
  ])
  return sql`
    SELECT KeyValue AS key, toUnixTimestamp64Milli(min(First)) AS startedMs, toUnixTimestamp64Milli(max(Last)) AS lastMs,
      coalesce(toUnixTimestamp64Milli(max(DeadLetterAt)), 0) AS deadMs, max(Channel) AS channel, max(Region) AS region,
      if(minIf(Store, Store != '') = maxIf(Store, Store != ''), minIf(Store, Store != ''), '') AS store,
      arraySort(groupUniqArrayIf(Store, Store != '')) AS stores, max(Amount) AS amount, max(Currency) AS currency,
      ${joinSql([...perStage, ...extra], ', ')}
    FROM ${tableRef(target, 'journey_stages')}
    WHERE ${stateRows(tenant, graph)}${windowKeys(target, tenant, graph, scope.window ?? {})}${scope.keys ? sql` AND KeyValue GLOBAL IN (${scope.keys})` : sql``}
    GROUP BY KeyValue
    HAVING countIf(Stage != '') > 0`
}

/**
 * Layer 3: branches and due times, then stage states, then the status, each a subquery. A stage
 * is due its SLA after its latest reached predecessor, or after an unreached predecessor's own
 * due time (SLAs add up); within the due layer each due time is referenced once per successor,
 * absent times being NULL there, so inlining stays linear. A branch stage is not taken when
 * another branch has spans and its own has none.
 */
export function journeyStatusQuery(
  target: SchemaTarget,
  tenant: string,
  graph: StageGraph,
  nowMs: number,
  extra: readonly Sql[] = [],
  scope: JourneyScope = {},
): Sql {
  const { stages, predecessors, descendants, terminals } = graph
  const r = (i: number): Sql => col('r', i)
  const all = stages.map((_, i) => i)
  const branchStages = all.filter((i) => stages[i]!.branch !== undefined)
  const dues: Sql[] = [sql`${anyOf(branchStages.map((i) => sql`${col('h', i)} > 0`))} AS any_taken`, sql`toInt64(${nowMs}) AS now_ms`]
  stages.forEach((stage, i) => {
    const sameBranch = branchStages.filter((j) => stages[j]!.branch === stage.branch)
    const notTaken =
      stage.branch === undefined
        ? sql`toUInt8(0)`
        : sql`toUInt8(any_taken AND NOT ${anyOf(sameBranch.map((j) => sql`${col('h', j)} > 0`))})`
    const sla = sql`toInt64(${stage.slaMs})`
    const anchors = predecessors[i]!.map(
      (p) => sql`coalesce(if(${col('nt', p)}, NULL, coalesce(nullIf(${r(p)}, 0), nullIf(${col('due', p)}, 0)) + ${sla}), 0)`,
    )
    dues.push(
      sql`${notTaken} AS ${col('nt', i)}`,
      sql`${anchors.length === 0 ? sql`toInt64(0)` : sql`greatest(toInt64(0), ${joinSql(anchors, ', ')})`} AS ${col('due', i)}`,
      // A later stage was reached: this one is skipped, not waited for.
      sql`toUInt8(${anyOf(descendants[i]!.map((d) => sql`${r(d)} > 0`))}) AS ${col('later', i)}`,
    )
  })
  const states = stages.flatMap((_, i) => {
    const waiting = sql`(${col('nt', i)} = 0 AND ${r(i)} = 0 AND ${col('later', i)} = 0)`
    const failedOnly = sql`(${col('h', i)} > 0 AND ${col('f', i)} > 0)`
    return [
      sql`toUInt8(${col('nt', i)} = 0 AND ${r(i)} > 0 AND ${col('due', i)} > 0 AND ${r(i)} > ${col('due', i)}) AS ${col('late', i)}`,
      sql`toUInt8(${waiting} AND ${failedOnly}) AS ${col('fs', i)}`,
      // Waiting with a deadline: overdue once the clock passes it.
      sql`toUInt8(${waiting} AND NOT ${failedOnly} AND ${col('due', i)} > 0) AS ${col('dl', i)}`,
      sql`toUInt8(${waiting} AND NOT ${failedOnly} AND ${anyOf(predecessors[i]!.map((p) => sql`(${col('nt', p)} = 0 AND ${r(p)} > 0)`))}) AS ${col('next', i)}`,
    ]
  })
  // When the journey stalls if nothing more arrives: the earliest deadline of a stage it waits
  // for, or, of alternative branches not chosen yet, the slowest one's. Kept apart from the clock
  // so a stored evaluation stays true: stalled is then `now > stalled_at`.
  const never = sql`toInt64(9223372036854775807)`
  const candidate = (condition: Sql, at: Sql): Sql => sql`if(${condition}, ${at}, ${never})`
  const required = all.map((i) =>
    candidate(
      stages[i]!.branch === undefined
        ? sql`${col('next', i)} AND ${col('dl', i)}`
        : sql`${col('next', i)} AND any_taken AND ${col('dl', i)}`,
      col('due', i),
    ),
  )
  const alternatives = sum(branchStages.map((i) => sql`toUInt8(${col('next', i)} AND NOT any_taken)`))
  const alternativesDue = sum(branchStages.map((i) => sql`toUInt8(${col('next', i)} AND NOT any_taken AND ${col('dl', i)})`))
  const slowestAlternative =
    branchStages.length === 0
      ? sql`toInt64(0)`
      : sql`greatest(${joinSql(
          branchStages.map((i) => sql`if(${col('next', i)} AND NOT any_taken, ${col('due', i)}, toInt64(0))`),
          ', ',
        )})`
  const stalledCandidates = [...required, candidate(sql`${alternatives} > 0 AND ${alternativesDue} = ${alternatives}`, slowestAlternative)]
  const reached = sql`[${joinSql(all.map(r), ', ')}]`
  const status = [
    sql`greatest(toInt64(0), ${joinSql(all.map(r), ', ')}) AS last_reached`,
    sql`(${anyOf(all.map((i) => col('fs', i)))} OR (deadMs > 0 AND deadMs >= last_reached)) AS is_failed`,
    sql`${allOf(terminals.map((t) => sql`(${r(t)} > 0 OR ${col('nt', t)})`))} AS is_complete`,
    sql`${stalledCandidates.length === 1 ? stalledCandidates[0]! : sql`least(${joinSql(stalledCandidates, ', ')})`} AS stalled_candidate`,
    sql`if(stalled_candidate = ${never}, toInt64(0), stalled_candidate) AS stalled_at`,
    sql`(stalled_at > 0 AND now_ms > stalled_at) AS is_stalled`,
    sql`${reached} AS reached`,
    sql`${anyOf(all.map((i) => col('late', i)))} AS late`,
    sql`multiIf(is_failed, 'failed', is_complete, 'complete', is_stalled, 'stalled', late, 'late', 'in_progress') AS status`,
    sql`${sum(all.map((i) => sql`toUInt32(${r(i)} > 0)`))} AS stagesReached`,
    // The latest reached stage; of two reached at once, the later in the list.
    sql`if(last_reached = 0, 0, length(${reached}) - indexOf(arrayReverse(${reached}), last_reached) + 1) AS current_index`,
    sql`if(current_index = 0, '', ${stageNames(graph)}[current_index]) AS currentStage`,
    sql`if(current_index = 0, '', [${joinSql(
      all.map((i) => col('s', i)),
      ', ',
    )}][current_index]) AS currentSystem`,
  ]
  const withDues = sql`SELECT *, ${joinSql(dues, ', ')} FROM (${journeyRowsQuery(target, tenant, graph, extra, scope)})`
  const withStates = sql`SELECT *, ${joinSql(states, ', ')} FROM (${withDues})`
  return sql`SELECT *, ${joinSql(status, ', ')} FROM (${withStates})`
}
