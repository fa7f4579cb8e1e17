/**
 * Pending journeys asked of the journey-state table (`journey_stages`: per journey key, stage and
 * store, the first and last time, the first success, the context and the amount, kept up to date
 * as spans arrive) rather than of the spans. Every question about one journey type and root key
 * is one statement, so fifteen SLA rules on orders group the order rows once:
 *
 * 1. per journey, from its state rows: for each question when it reached `after`, whether it
 *    reached `expect` successfully or an exempting branch, and its amount, store, group values and
 *    `where` matches over the stages the question reads; journeys pending for no question drop out;
 * 2. one row per journey and question it is pending for;
 * 3. per tenant, question and group: the count, the amount, the stores and a sample of keys.
 *
 * Merges fold a key's state rows at any time, so every figure is a min, max or count over the
 * key's rows after GROUP BY, never a filter on one row's aggregate. The lookback reads whole daily
 * partitions (`First` is the partition key and merges never cross partitions), so what a round
 * sees does not depend on merges either; the exact lookback is then applied to the journey.
 *
 * Store, channel, region and system are columns of the state rows. A `where` on another attribute
 * (`retail.fulfilment: pickup`) or a group by location is looked for on spans: such a question is
 * asked on its own, and reads the stage spans of its lookback only for the journeys the state
 * already shows pending.
 */
import { stageReachedSql } from '../../journeys/index.ts'
import { identifier, joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'
import { groupValues, spanGroupValue } from './group-columns.ts'
import type { PendingJourneys } from './journey-queries.ts'
import type { ObservationRow } from './observation-rows.ts'

/** The state column that holds an attribute, for the attributes the journey state keeps. */
const STATE_COLUMNS: Readonly<Record<string, string>> = {
  'retail.store.id': 'Store',
  'retail.channel': 'Channel',
  'retail.region': 'Region',
  'retail.system': 'System',
}

/** Whether a question names an attribute the journey state does not keep, so spans must be read. */
export function readsSpans(question: PendingJourneys): boolean {
  return [...Object.keys(question.where), ...question.groupBy].some((attribute) => !(attribute in STATE_COLUMNS))
}

/** One row of a journey statement: an observation row for one question, with when its sample keys reached `after`. */
export interface PendingRow extends ObservationRow {
  /** The question's position in the batch, from 1. */
  readonly question: number | string
  /** When each of the first keys reached `after`, in nanoseconds since the epoch as text, to find their traces. */
  readonly starts: readonly string[]
}

/** Aggregates of one statement under short aliases, each computed once however many questions use it. */
class Aggregates {
  private readonly aliases = new Map<string, Sql>()
  readonly columns: Sql[] = []
  constructor(private readonly prefix: string) {}

  /** The alias of an aggregate expression, adding it on first use. */
  of(expression: Sql): Sql {
    const key = `${expression.text}\u0000${JSON.stringify(expression.params)}`
    let alias = this.aliases.get(key)
    if (!alias) {
      alias = sql`${identifier(`${this.prefix}${this.aliases.size}`)}`
      this.aliases.set(key, alias)
      this.columns.push(sql`${expression} AS ${alias}`)
    }
    return alias
  }
}

/** Whether a journey is pending for a question, by its state (and the conditions left for its spans). */
interface PendingTerms {
  readonly pending: Sql
  /** Conditions on the spans side (only for a question that reads spans). */
  readonly spanConditions: readonly Sql[]
  readonly startedAt: Sql
}

/** What a question reports of a pending journey. */
interface ImpactTerms {
  readonly amount: Sql
  readonly currency: Sql
  readonly store: Sql
  readonly groups: Sql
}

/** The stages a question reads; the WHERE already keeps the journey type's rows only. */
const scopeOf = (question: PendingJourneys): Sql => (question.stagesRead.length > 0 ? sql`Stage IN ${question.stagesRead}` : sql`1`)

const stateColumn = (attribute: string): Sql | undefined =>
  STATE_COLUMNS[attribute] ? sql`${identifier(STATE_COLUMNS[attribute])}` : undefined

function pendingTerms(question: PendingJourneys, now: Date, state: Aggregates, spans: Aggregates): PendingTerms {
  const since = new Date(now.getTime() - question.lookbackMs)
  const deadline = new Date(now.getTime() - question.olderThanMs)
  const scope = scopeOf(question)
  // Reached as the journeys define it (./STATUS.md of the journeys): a stage's first success, every store's for a once-per-store stage.
  const reached = (name: string): Sql => state.of(stageReachedSql({ name, perStore: question.perStore.includes(name) }))
  const startedAt = reached(question.after)
  const conditions: Sql[] = [
    sql`${startedAt} > 0`,
    sql`${reached(question.expect)} = 0`,
    ...(question.unless.length > 0 ? [sql`${state.of(sql`countIf(Stage IN ${question.unless})`)} = 0`] : []),
    ...(question.branches.others.length > 0
      ? [
          sql`NOT (${state.of(sql`countIf(Stage IN ${question.branches.others})`)} > 0 AND ${state.of(sql`countIf(Stage IN ${question.branches.own})`)} = 0)`,
        ]
      : []),
    sql`${startedAt} >= ${since.getTime()}`,
    sql`${startedAt} <= ${deadline.getTime()}`,
  ]
  const spanConditions: Sql[] = []
  for (const [attribute, value] of Object.entries(question.where)) {
    const column = stateColumn(attribute)
    if (column) conditions.push(sql`${state.of(sql`countIf(${column} = ${value} AND ${scope})`)} > 0`)
    else spanConditions.push(sql`${spans.of(sql`countIf(SpanAttributes[${attribute}] = ${value})`)} > 0`)
  }
  return { pending: sql`(${joinSql(conditions, ' AND ')})`, spanConditions, startedAt }
}

function impactTerms(question: PendingJourneys, state: Aggregates, spans: Aggregates): ImpactTerms {
  const scope = scopeOf(question)
  const groups = question.groupBy.map((key) => {
    const column = stateColumn(key)
    if (column) return state.of(sql`anyIf(${column}, ${column} != '' AND ${scope})`)
    const value = spanGroupValue(key)
    return spans.of(sql`anyIf(${value}, ${value} != '')`)
  })
  return {
    amount: state.of(sql`maxIf(Amount, ${scope})`),
    currency: state.of(sql`anyIf(Currency, Currency != '' AND ${scope})`),
    store: state.of(sql`anyIf(Store, Store != '' AND ${scope})`),
    groups: groupValues(groups),
  }
}

/** The stage rows every question reads: a list when each reads a list, else the journey type's every stage. */
function stageFilter(questions: readonly PendingJourneys[]): Sql {
  if (questions.some((q) => q.stagesRead.length === 0)) return sql``
  return sql` AND Stage IN ${[...new Set(questions.flatMap((q) => q.stagesRead))]}`
}

/** Journeys pending for a question, from the spans: only for a question asked alone (see readsSpans). */
function withSpans(
  target: SchemaTarget,
  question: PendingJourneys,
  now: Date,
  state: Sql,
  spans: Aggregates,
  conditions: readonly Sql[],
): Sql {
  const since = new Date(now.getTime() - question.lookbackMs)
  const stages =
    question.stagesRead.length > 0 ? sql`Stage IN ${question.stagesRead}` : sql`startsWith(Stage, ${`${question.journeyType}.`})`
  const key = sql`BusinessKeys[${question.rootKey}]`
  return sql`
    SELECT * FROM (${state}) AS state
    GLOBAL LEFT JOIN (
      SELECT Tenant AS tenant, ${key} AS journeyKey, ${joinSql(spans.columns, ', ')}
      FROM ${tableRef(target, 'spans')}
      WHERE Timestamp >= ${since} AND Timestamp <= ${now} AND ${stages} AND (Tenant, ${key}) GLOBAL IN (SELECT tenant, journeyKey FROM (${state}))
      GROUP BY tenant, journeyKey
    ) AS spans USING (tenant, journeyKey)
    WHERE ${joinSql(conditions, ' AND ')}`
}

/**
 * One statement for questions of one journey type and root key (a question that reads spans is
 * asked alone). Rows carry the question's position; traces are left for a follow-up by key.
 */
export function pendingJourneysQuery(target: SchemaTarget, questions: readonly PendingJourneys[], now: Date): Sql {
  const first = questions[0]
  if (!first || questions.some((q) => q.journeyType !== first.journeyType || q.rootKey !== first.rootKey))
    throw new Error('a journey statement asks questions of one journey type and root key')
  if (questions.length > 1 && questions.some(readsSpans)) throw new Error('a question that reads spans is asked alone')
  const state = new Aggregates('c')
  const spans = new Aggregates('s')
  const terms = questions.map((question) => ({ ...pendingTerms(question, now, state, spans), ...impactTerms(question, state, spans) }))
  const earliest = new Date(now.getTime() - Math.max(...questions.map((q) => q.lookbackMs)))
  // A once-per-store stage also reads the rows without a stage: the stores the journey targets.
  const journeyTypes = questions.some((q) => q.perStore.length > 0) ? [first.journeyType, ''] : [first.journeyType]
  const perJourney = sql`
    SELECT Tenant AS tenant, KeyValue AS journeyKey, ${joinSql(state.columns, ', ')}
    FROM ${tableRef(target, 'journey_stages')}
    WHERE JourneyType IN ${journeyTypes} AND KeyName = ${first.rootKey} AND toDate(First) >= toDate(${earliest})${stageFilter(questions)}
    GROUP BY tenant, journeyKey
    HAVING ${joinSql(
      terms.map((t) => t.pending),
      ' OR ',
    )}`
  const spanConditions = terms.flatMap((t) => t.spanConditions)
  const journeys =
    spans.columns.length > 0
      ? withSpans(target, first, now, perJourney, spans, spanConditions.length > 0 ? spanConditions : [sql`1`])
      : perJourney
  // Per journey, a tuple per question (its position, or 0 where the journey is not pending for it), then a row per pending one.
  const perQuestion = joinSql(
    terms.map((t, i) => sql`tuple(if(${t.pending}, ${i + 1}, 0), ${t.startedAt}, ${t.amount}, ${t.currency}, ${t.store}, ${t.groups})`),
    ', ',
  )
  return sql`
    SELECT tenant, question, journeyGroups AS groups, count() AS value, count() AS affected, sum(journeyAmount) AS amount,
      anyIf(journeyCurrency, journeyCurrency != '') AS currency, groupUniqArrayIf(20)(journeyStore, journeyStore != '') AS stores,
      -- Twenty keys per group, and when the first ten reached the stage, so their traces can be found.
      arrayMap(s -> s.1, groupArray(20)((journeyKey, toString(startedAt * 1000000))) AS sample) AS keys,
      arrayMap(s -> s.2, arraySlice(sample, 1, 10)) AS starts, CAST([], 'Array(String)') AS traces,
      map('oldest', formatDateTime(fromUnixTimestamp64Milli(min(startedAt)), '%Y-%m-%dT%H:%i:%SZ', 'UTC')) AS details
    FROM (
      SELECT tenant, journeyKey, pending.1 AS question, pending.2 AS startedAt, pending.3 AS journeyAmount, pending.4 AS journeyCurrency,
        pending.5 AS journeyStore, pending.6 AS journeyGroups
      FROM (${journeys})
      ARRAY JOIN arrayFilter(q -> q.1 > 0, [${perQuestion}]) AS pending
    )
    GROUP BY tenant, question, journeyGroups`
}
