import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBatch } from './batch.ts'
import { openWarehouse, type Warehouse } from './client.ts'
import { sql, type Sql } from './sql.ts'
import { testStorage } from '../test/fixtures/topology.ts'

let dataDir: string
let warehouse: Warehouse
let statements = 0

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'tl-batch-'))
  const engine = openWarehouse(testStorage(dataDir))
  // The real engine, counting the statements it is sent.
  warehouse = {
    ...engine,
    rows: <T>(query: Sql) => {
      statements += 1
      return engine.rows<T>(query)
    },
  }
})

afterAll(async () => {
  await warehouse.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('a batch of reads', () => {
  it('answers every read in its own order from one statement, values intact', async () => {
    statements = 0
    const tricky = 'quote " backslash \\ newline \n ünïcödé'
    const rows = await readBatch<{
      numbers: { n: number | string; label: string }
      keys: { id: string; keys: Record<string, string> }
      none: { x: number }
    }>(warehouse, {
      numbers: sql`SELECT number AS n, concat('n', toString(number)) AS label FROM numbers(1000) ORDER BY number DESC LIMIT 300`,
      keys: sql`SELECT ${tricky} AS id, map('retail.order.id', ${tricky}) AS keys`,
      none: sql`SELECT 1 AS x WHERE 0`,
    })
    expect(statements).toBe(1)
    expect(rows.numbers.map((row) => Number(row.n))).toEqual(Array.from({ length: 300 }, (_, i) => 999 - i))
    expect(rows.numbers[0]).toMatchObject({ label: 'n999' })
    expect(rows.keys).toEqual([{ id: tricky, keys: { 'retail.order.id': tricky } }])
    expect(rows.none).toEqual([])
  })

  it('skips reads left undefined, and sends nothing when every read is', async () => {
    statements = 0
    const some = await readBatch<{ one: { x: number }; skipped: { y: number } }>(warehouse, { one: sql`SELECT 1 AS x`, skipped: undefined })
    expect(some).toEqual({ one: [{ x: 1 }], skipped: [] })
    const none = await readBatch<{ skipped: { y: number } }>(warehouse, { skipped: undefined })
    expect(none).toEqual({ skipped: [] })
    expect(statements).toBe(1)
  })

  it('fails as a whole with the engine error when one read is wrong', async () => {
    await expect(
      readBatch<{ good: { x: number }; bad: { y: number } }>(warehouse, {
        good: sql`SELECT 1 AS x`,
        bad: sql`SELECT y FROM no_such_table`,
      }),
    ).rejects.toThrow(/no_such_table/)
  })
})
