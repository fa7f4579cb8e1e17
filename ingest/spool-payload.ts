/**
 * What a spool record's payload holds: one request's rows of the spans table as text ClickHouse
 * parses directly, so the drain never decodes them. Written as JSONCompactEachRowWithNames (a
 * header line naming the columns, then one JSON array per row): against JSONEachRow it is 40% fewer
 * bytes, so a drain batch holds more spans, and ClickHouse parses it for less CPU. The header makes
 * a record self-describing, so a spool written before a column change is still stored correctly;
 * a payload starting with `{` is the earlier JSONEachRow form and is stored as such.
 */
import type { SpanRow } from '../spans/index.ts'

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

const KNOWN_COLUMNS: ReadonlySet<string> = new Set(SPOOLED_SPAN_COLUMNS)
const HEADER_TEXT = `${JSON.stringify(SPOOLED_SPAN_COLUMNS)}\n`
const HEADER = Buffer.from(HEADER_TEXT, 'utf8')
const NEWLINE = 0x0a
const OPEN_BRACE = 0x7b

/** The payload of one request's rows. */
export function spanRowsPayload(rows: readonly SpanRow[]): Buffer {
  let text = HEADER_TEXT
  for (const row of rows) {
    const values: unknown[] = []
    for (const column of SPOOLED_SPAN_COLUMNS) values.push(row[column])
    text += `${JSON.stringify(values)}\n`
  }
  return Buffer.from(text, 'utf8')
}

/** A payload's rows as the insert takes them: the format, its columns, and the row text alone. */
export type PayloadRows =
  | { readonly format: 'JSONEachRow'; readonly rows: Uint8Array; readonly count: number }
  | { readonly format: 'JSONCompactEachRow'; readonly columns: readonly string[]; readonly rows: Uint8Array; readonly count: number }

/** Splits a payload into its header and rows; throws on a header naming a column the spans table does not have. */
export function payloadRows(payload: Uint8Array): PayloadRows {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
  if (bytes.length === 0 || bytes[0] === OPEN_BRACE) return { format: 'JSONEachRow', rows: bytes, count: countLines(bytes) }
  const headerEnd = bytes.indexOf(NEWLINE) + 1
  const rows = bytes.subarray(headerEnd)
  if (headerEnd === HEADER.length && bytes.subarray(0, headerEnd).equals(HEADER))
    return { format: 'JSONCompactEachRow', columns: SPOOLED_SPAN_COLUMNS, rows, count: countLines(rows) }
  const columns: unknown = JSON.parse(bytes.subarray(0, headerEnd).toString('utf8'))
  if (!Array.isArray(columns) || columns.some((column) => typeof column !== 'string' || !KNOWN_COLUMNS.has(column))) {
    throw new Error(
      `a spool payload names columns the spans table does not have: ${bytes.subarray(0, Math.min(headerEnd, 200)).toString('utf8')}`,
    )
  }
  return { format: 'JSONCompactEachRow', columns: columns as string[], rows, count: countLines(rows) }
}

function countLines(bytes: Buffer): number {
  // JSON.stringify escapes newlines inside values, so each newline ends exactly one row.
  let lines = 0
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lines++
  return lines
}
