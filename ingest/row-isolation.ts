/**
 * Finds the rows storage refuses for good, so the rest of a batch can be stored. A batch that
 * ClickHouse refuses because of what some rows hold (text it cannot parse, a value its type
 * cannot take, a limit of one insert) is halved, and each half tried, until every refused row
 * stands alone; those go to the quarantine and everything else is stored. A transient refusal
 * (the engine down, a full disk) stops the search and is thrown, so the whole batch is retried
 * later. Every insert carries a token derived from its place in the search, which repeats
 * exactly on a retry, so a half already stored is not stored twice.
 */
import type { RawRowsFormat, Refusal } from '../storage/index.ts'
import type { SpooledTable } from './spool-payload.ts'

/** One row as the insert sends it: its table, its text (ending in a newline) and its format. */
export interface RowUnit {
  readonly table: SpooledTable
  readonly format: RawRowsFormat
  readonly text: Uint8Array
}

/** A row refused on its own, and why. */
export interface RefusedRow<U extends RowUnit> {
  readonly unit: U
  readonly refusal: Refusal
}

/** Sends rows of one table and format as one insert under a token. */
export type RowInsert = (table: SpooledTable, format: RawRowsFormat, chunks: readonly Uint8Array[], token: string) => Promise<void>

/** Inserts units grouped by table and format, in order of first appearance; the first group keeps the token itself. */
export async function insertUnits(units: readonly RowUnit[], insert: RowInsert, token: string): Promise<void> {
  const groups = new Map<string, { table: SpooledTable; format: RawRowsFormat; chunks: Uint8Array[] }>()
  for (const unit of units) {
    const key = `${unit.table}:${formatKey(unit.format)}`
    const group = groups.get(key) ?? { table: unit.table, format: unit.format, chunks: [] }
    group.chunks.push(unit.text)
    groups.set(key, group)
  }
  let index = 0
  for (const group of groups.values()) {
    await insert(group.table, group.format, group.chunks, index === 0 ? token : `${token}-${index}`)
    index++
  }
}

/**
 * Stores what it can of `units` and answers the rows refused on their own. `known` is the
 * refusal the whole of `units` already met, so it is not tried again. Throws a transient refusal.
 */
export async function isolateRefusedRows<U extends RowUnit>(
  units: readonly U[],
  insert: RowInsert,
  token: string,
  classify: (error: unknown) => Refusal,
  known?: Refusal,
): Promise<RefusedRow<U>[]> {
  let refusal = known
  if (!refusal) {
    try {
      await insertUnits(units, insert, token)
      return []
    } catch (error) {
      refusal = classify(error)
      if (refusal.kind === 'transient') throw error
    }
  }
  if (units.length === 1) return [{ unit: units[0]!, refusal }]
  const half = Math.ceil(units.length / 2)
  const left = await isolateRefusedRows(units.slice(0, half), insert, `${token}.0`, classify)
  const right = await isolateRefusedRows(units.slice(half), insert, `${token}.1`, classify)
  return [...left, ...right]
}

function formatKey(format: RawRowsFormat): string {
  return format.name === 'JSONEachRow' ? format.name : `${format.name}:${format.columns.join(',')}`
}
