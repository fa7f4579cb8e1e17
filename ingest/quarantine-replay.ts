/**
 * Storage for a quarantine replay: the quarantined rows, exactly as they were spooled, inserted
 * into their table (spans or logs) once more with the same search for refused rows the drain runs. Rows
 * stored now leave the quarantine; rows refused again stay, with the engine's new reason. Each
 * insert's token derives from the entries' ids, so a replay interrupted by a crash and run
 * again stores nothing twice.
 */
import { createHash } from 'node:crypto'
import type { QuarantineEntry, ReplayStorage } from '../collector/index.ts'
import { classifyRefusal, tableRef, type RawRowsFormat, type SchemaTarget, type Warehouse } from '../storage/index.ts'
import { payloadRows, tableOfColumns } from './spool-payload.ts'
import { isolateRefusedRows, type RowInsert, type RowUnit } from './row-isolation.ts'

/** A quarantined entry as rows to insert. */
interface EntryRows extends RowUnit {
  readonly entry: QuarantineEntry
}

/** Rows of each entry; an entry whose bytes still cannot be read as rows comes back as refused. */
function entryRows(entry: QuarantineEntry): EntryRows | string {
  if (entry.format === 'bytes') {
    try {
      const payload = payloadRows(Buffer.from(entry.record, 'base64'))
      const format: RawRowsFormat =
        payload.format === 'JSONEachRow' ? { name: 'JSONEachRow' } : { name: 'JSONCompactEachRow', columns: payload.columns }
      return { entry, table: payload.table, format, text: payload.rows }
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
  }
  const format: RawRowsFormat =
    entry.format === 'JSONEachRow' ? { name: 'JSONEachRow' } : { name: 'JSONCompactEachRow', columns: entry.columns ?? [] }
  try {
    const table = format.name === 'JSONEachRow' ? 'spans' : tableOfColumns(format.columns)
    return { entry, table, format, text: Buffer.from(`${entry.record}\n`, 'utf8') }
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

/** Replays quarantined rows into their tables. */
export function quarantineReplayStorage(
  warehouse: Warehouse,
  target: SchemaTarget,
  maxPartitions: number,
  clock: () => Date = () => new Date(),
): ReplayStorage {
  const insert: RowInsert = (table, format, chunks, token) =>
    warehouse.insertRaw(tableRef(target, table), chunks, token, format, { maxPartitions })
  return async (entries) => {
    const units: EntryRows[] = []
    const refusedAgain: QuarantineEntry[] = []
    for (const entry of entries) {
      const rows = entryRows(entry)
      if (typeof rows === 'string') refusedAgain.push({ ...entry, at: clock().toISOString(), message: rows })
      else units.push(rows)
    }
    const token = `quarantine-${createHash('sha256')
      .update(units.map((unit) => unit.entry.id).join('\n'))
      .digest('hex')}`
    const refused = units.length === 0 ? [] : await isolateRefusedRows(units, insert, token, classifyRefusal)
    for (const { unit, refusal } of refused)
      refusedAgain.push({ ...unit.entry, at: clock().toISOString(), reason: refusal.reason, message: refusal.message })
    return refusedAgain
  }
}
