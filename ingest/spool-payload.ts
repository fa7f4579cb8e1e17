/**
 * What a spool record's payload holds: one request's rows of the spans table (or of the logs
 * table) as text ClickHouse parses directly, so the drain never decodes them. Written as JSONCompactEachRowWithNames (a
 * header line naming the columns, then one JSON array per row): against JSONEachRow it is 40% fewer
 * bytes, so a drain batch holds more spans, and ClickHouse parses it for less CPU. The header makes
 * a record self-describing, so a spool written before a column change is still stored correctly;
 * a payload starting with `{` is the earlier JSONEachRow form and is stored as such. The header
 * also says the table: a log payload names the logs table's columns, which no span payload can.
 */
import type { SpanRow } from '../spans/index.ts'
import type { LogRow } from '../logs/index.ts'

/** The tables a spool payload is stored in. */
export type SpooledTable = 'spans' | 'logs'

/** The spans table's columns in payload order; the compiler checks it names every field of a row. */
export const SPOOLED_SPAN_COLUMNS = [
  'Tenant',
  'Timestamp',
  'TraceId',
  'SpanId',
  'ParentSpanId',
  'TraceState',
  'SpanName',
  'SpanKind',
  'ServiceName',
  'ResourceAttributes',
  'ScopeName',
  'ScopeVersion',
  'SpanAttributes',
  'Duration',
  'StatusCode',
  'StatusMessage',
  'Events.Timestamp',
  'Events.Name',
  'Events.Attributes',
  'Links.TraceId',
  'Links.SpanId',
  'Links.TraceState',
  'Links.Attributes',
  'RetailSystem',
  'Stage',
  'BusinessKeys',
] as const satisfies readonly (keyof SpanRow)[]

type UnspooledColumn = Exclude<keyof SpanRow, (typeof SPOOLED_SPAN_COLUMNS)[number]>
// Fails to compile when SpanRow gains a field the payload would silently drop.
const everyColumnSpooled: [UnspooledColumn] extends [never] ? true : UnspooledColumn = true
void everyColumnSpooled

/** The logs table's columns in payload order. */
export const SPOOLED_LOG_COLUMNS = [
  'Tenant',
  'Timestamp',
  'ObservedTimestamp',
  'TraceId',
  'SpanId',
  'LogId',
  'SeverityNumber',
  'SeverityText',
  'ServiceName',
  'Body',
  'EventName',
  'ResourceAttributes',
  'ScopeName',
  'ScopeVersion',
  'LogAttributes',
  'RetailSystem',
  'Stage',
  'BusinessKeys',
] as const satisfies readonly (keyof LogRow)[]

type UnspooledLogColumn = Exclude<keyof LogRow, (typeof SPOOLED_LOG_COLUMNS)[number]>
const everyLogColumnSpooled: [UnspooledLogColumn] extends [never] ? true : UnspooledLogColumn = true
void everyLogColumnSpooled

/** Each table's spooled columns, its header line, and the set to check an older header against. */
const TABLES = (['spans', 'logs'] as const).map((table) => {
  const columns: readonly string[] = table === 'spans' ? SPOOLED_SPAN_COLUMNS : SPOOLED_LOG_COLUMNS
  const headerText = `${JSON.stringify(columns)}\n`
  return { table, columns, headerText, header: Buffer.from(headerText, 'utf8'), known: new Set(columns) }
})
const NEWLINE = 0x0a
const OPEN_BRACE = 0x7b

function rowsPayload<R>(table: SpooledTable, rows: readonly R[]): Buffer {
  const { columns, headerText } = TABLES.find((entry) => entry.table === table)!
  let text = headerText
  for (const row of rows) {
    const values: unknown[] = []
    for (const column of columns) values.push(row[column as keyof R])
    text += `${JSON.stringify(values)}\n`
  }
  return Buffer.from(text, 'utf8')
}

/** The payload of one request's span rows. */
export function spanRowsPayload(rows: readonly SpanRow[]): Buffer {
  return rowsPayload('spans', rows)
}

/** The payload of one request's log rows. */
export function logRowsPayload(rows: readonly LogRow[]): Buffer {
  return rowsPayload('logs', rows)
}

/** A payload's rows as the insert takes them: the table, the format, its columns, and the row text alone. */
export type PayloadRows =
  | { readonly table: SpooledTable; readonly format: 'JSONEachRow'; readonly rows: Uint8Array; readonly count: number }
  | {
      readonly table: SpooledTable
      readonly format: 'JSONCompactEachRow'
      readonly columns: readonly string[]
      readonly rows: Uint8Array
      readonly count: number
    }

/** The table whose columns these are; throws when no table has them all. */
export function tableOfColumns(columns: readonly unknown[]): SpooledTable {
  for (const { table, known } of TABLES) if (columns.every((column) => typeof column === 'string' && known.has(column))) return table
  throw new Error(`a spool payload names columns no table has: ${JSON.stringify(columns).slice(0, 200)}`)
}

/** Splits a payload into its header and rows; throws on a header naming columns no table has. */
export function payloadRows(payload: Uint8Array): PayloadRows {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
  if (bytes.length === 0 || bytes[0] === OPEN_BRACE) return { table: 'spans', format: 'JSONEachRow', rows: bytes, count: countLines(bytes) }
  const headerEnd = bytes.indexOf(NEWLINE) + 1
  const rows = bytes.subarray(headerEnd)
  for (const { table, columns, header } of TABLES) {
    if (headerEnd === header.length && bytes.subarray(0, headerEnd).equals(header))
      return { table, format: 'JSONCompactEachRow', columns, rows, count: countLines(rows) }
  }
  const columns: unknown = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8'))
  if (!Array.isArray(columns))
    throw new Error(`a spool payload's header is not a list of columns: ${bytes.subarray(0, 200).toString('utf8')}`)
  return { table: tableOfColumns(columns), format: 'JSONCompactEachRow', columns: columns as string[], rows, count: countLines(rows) }
}

function countLines(bytes: Buffer): number {
  // JSON.stringify escapes newlines inside values, so each newline ends exactly one row.
  let lines = 0
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lines++
  return lines
}
