/**
 * Several small reads that do not wait on each other, sent as one statement: a UNION ALL whose
 * rows carry their read's name, their place in it and the row itself as a JSON object. The
 * embedded engine runs one statement at a time and each costs a few milliseconds before it reads
 * anything, so a lookup of four reads in two statements answers sooner; a server saves the round
 * trips. Each read keeps its own ORDER BY and LIMIT.
 */
import type { Warehouse } from './client.ts'
import { joinSql, sql, type Sql } from './sql.ts'

/** Named reads; a read left undefined is skipped and answers no rows. */
export type BatchReads<T> = { readonly [K in keyof T]: Sql | undefined }
/** The rows each read answered. */
export type BatchRows<T> = { [K in keyof T]: T[K][] }

interface BatchRow {
  part: string
  seq: number | string
  row: string
}

/** The one statement that runs every read. */
function batchSql(reads: Readonly<Record<string, Sql | undefined>>): Sql {
  const parts = Object.entries(reads)
    .filter((entry): entry is [string, Sql] => entry[1] !== undefined)
    .map(
      ([name, read]) =>
        sql`SELECT ${name} AS part, rowNumberInAllBlocks() AS seq, formatRowNoNewline('JSONEachRow', *) AS row FROM (${read})`,
    )
  if (parts.length === 0) throw new Error('a batch needs at least one read')
  return joinSql(parts, ' UNION ALL ')
}

/** Runs the reads as one statement and hands each its rows, in its own order. */
export async function readBatch<T extends object>(warehouse: Warehouse, reads: BatchReads<T>): Promise<BatchRows<T>> {
  const answer = Object.fromEntries(Object.keys(reads).map((name) => [name, []])) as unknown as BatchRows<T>
  if (Object.values(reads).every((read) => read === undefined)) return answer
  const rows = await warehouse.rows<BatchRow>(batchSql(reads))
  rows.sort((a, b) => Number(a.seq) - Number(b.seq))
  for (const row of rows) answer[row.part as keyof T]?.push(JSON.parse(row.row) as T[keyof T])
  return answer
}
