/**
 * The two bounded follow-ups that complete an impact's links, each one statement per round for
 * the few keys a round shows (at most ten per alert group, twenty for span rules):
 *
 * - the trace of a pending journey, which the journey state does not keep: from the business-key
 *   index, the trace of the key that was running when the journey reached its `after` stage
 *   (the index's time span of a key in a trace covers every span of it that carries the key);
 * - the journey type of an order id a latency or error-rate rule found: store sales and online
 *   orders share `retail.order.id`, so the type is the one the journey state holds the key under,
 *   and the link reads `/journeys/sale/POS-1`, not `/journeys/order/POS-1`.
 *
 * Both sides are pure: a query built from what is wanted, and a choice made from its rows.
 */
import { joinSql, sql, tableRef, type SchemaTarget, type Sql } from '../../storage/index.ts'

const DAY_MS = 86_400_000

/** A key of a tenant under one key name. */
export interface TenantKey {
  readonly tenant: string
  readonly keyName: string
  readonly key: string
}

/** A journey whose trace is wanted, and when (nanoseconds since the epoch) it reached the stage. */
export interface TraceWanted extends TenantKey {
  readonly atNs: string
}

/** Identifies a key of a tenant in the maps below. */
export function tenantKeyId(key: TenantKey): string {
  return `${key.tenant}\u0000${key.keyName}\u0000${key.key}`
}

/** `(Tenant = t AND KeyName = k AND KeyValue IN [...]) OR ...`, one clause per tenant and key name. */
function keyClauses(keys: readonly TenantKey[]): Sql {
  const byName = new Map<string, { tenant: string; keyName: string; values: Set<string> }>()
  for (const key of keys) {
    const id = `${key.tenant}\u0000${key.keyName}`
    const entry = byName.get(id) ?? { tenant: key.tenant, keyName: key.keyName, values: new Set<string>() }
    entry.values.add(key.key)
    byName.set(id, entry)
  }
  return sql`(${joinSql(
    [...byName.values()].map((e) => sql`(Tenant = ${e.tenant} AND KeyName = ${e.keyName} AND KeyValue IN ${[...e.values]})`),
    ' OR ',
  )})`
}

/** One row of the trace follow-up: a trace of a key and the time span of the key's spans in it. */
export interface KeyTraceRow extends TenantKey {
  readonly trace: string
  readonly startNs: string
  readonly endNs: string
}

/**
 * The traces of the wanted keys that may cover their moments. A trace covers a moment when one
 * of its index rows does (the row written with the stage's span does), so rows are narrowed to
 * the moments first; a trace longer than a day before its stage is not looked for.
 */
export function keyTracesQuery(target: SchemaTarget, wanted: readonly TraceWanted[]): Sql {
  const moments = wanted.map((w) => BigInt(w.atNs))
  const earliest = moments.reduce((a, b) => (a < b ? a : b))
  const latest = moments.reduce((a, b) => (a > b ? a : b))
  const from = new Date(Number(earliest / 1_000_000n) - DAY_MS)
  const to = new Date(Number(latest / 1_000_000n) + 1)
  return sql`
    SELECT Tenant AS tenant, KeyName AS keyName, KeyValue AS key, TraceId AS trace,
      toString(toUnixTimestamp64Nano(min(Start))) AS startNs, toString(toUnixTimestamp64Nano(max(End))) AS endNs
    FROM ${tableRef(target, 'business_keys')}
    WHERE ${keyClauses(wanted)} AND TraceId != '' AND Start >= ${from} AND Start <= ${to} AND End >= ${new Date(Number(earliest / 1_000_000n))}
    GROUP BY Tenant, KeyName, KeyValue, TraceId`
}

/** For each wanted journey, the trace that covers its moment; of several, the one that started last before it. */
export function pickTraces(wanted: readonly TraceWanted[], rows: readonly KeyTraceRow[]): Map<string, string> {
  const byKey = new Map<string, KeyTraceRow[]>()
  for (const row of rows) byKey.set(tenantKeyId(row), [...(byKey.get(tenantKeyId(row)) ?? []), row])
  const picked = new Map<string, string>()
  for (const w of wanted) {
    const at = BigInt(w.atNs)
    const covering = (byKey.get(tenantKeyId(w)) ?? []).filter((row) => BigInt(row.startNs) <= at && at <= BigInt(row.endNs))
    covering.sort((a, b) =>
      BigInt(b.startNs) > BigInt(a.startNs) ? 1 : BigInt(b.startNs) < BigInt(a.startNs) ? -1 : a.trace.localeCompare(b.trace),
    )
    if (covering[0]) picked.set(wantedTraceId(w), covering[0].trace)
  }
  return picked
}

/** The key under which pickTraces files a wanted journey's trace. */
export function wantedTraceId(w: TraceWanted): string {
  return `${tenantKeyId(w)}\u0000${w.atNs}`
}

/** One row of the type follow-up: the journey types the state holds a key under. */
export interface KeyTypesRow extends TenantKey {
  readonly types: readonly string[]
}

/**
 * The journey types the wanted keys have state rows of, among `types` (those rooted on the key
 * name), over the days since `since`: a key a span rule just saw has a stage in that time.
 */
export function keyJourneyTypesQuery(target: SchemaTarget, wanted: readonly TenantKey[], types: readonly string[], since: Date): Sql {
  return sql`
    SELECT Tenant AS tenant, KeyName AS keyName, KeyValue AS key, groupUniqArray(JourneyType) AS types
    FROM ${tableRef(target, 'journey_stages')}
    WHERE JourneyType IN ${types} AND ${keyClauses(wanted)} AND toDate(First) >= toDate(${since})
    GROUP BY Tenant, KeyName, KeyValue`
}

/** Each found key's journey type: of several, the first in `types` (the configured order). */
export function pickJourneyTypes(rows: readonly KeyTypesRow[], types: readonly string[]): Map<string, string> {
  const picked = new Map<string, string>()
  for (const row of rows) {
    const type = types.find((t) => row.types.includes(t))
    if (type) picked.set(tenantKeyId(row), type)
  }
  return picked
}
