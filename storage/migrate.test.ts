import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TEST_TARGET, testStorage } from '../test/fixtures/topology.ts'
import { createTable, tableRef, type SchemaTarget } from './schema.ts'
import { migrationLock } from './migration-lock.ts'
import { migrate } from './migrate.ts'
import { openWarehouse } from './client.ts'
import { sql } from './sql.ts'
import type { Migration } from './migration.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-migrate-'))
const warehouse = openWarehouse(testStorage(dataDir, 'locking'))
afterAll(async () => {
  await warehouse.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Migrations whose second one counts its runs: a statement that is not idempotent on purpose, so running twice shows. */
function countingMigrations(target: SchemaTarget): Migration[] {
  return [
    {
      version: 1,
      name: 'runs',
      statements: () =>
        createTable(target, { name: 'runs', columns: sql`Run String`, engine: 'MergeTree', orderBy: sql`Run`, shardKey: sql`0` }),
    },
    { version: 2, name: 'count', statements: () => [sql`INSERT INTO ${tableRef(target, 'runs')} SELECT toString(generateUUIDv4())`] },
  ]
}

const runs = async (target: SchemaTarget): Promise<number> =>
  Number((await warehouse.rows<{ n: string }>(sql`SELECT toString(count()) AS n FROM ${tableRef(target, 'runs')}`))[0]!.n)

describe('migrating with several instances', () => {
  it('migrates once when three instances start at once: one applies, the others wait for the log', async () => {
    const target = { ...TEST_TARGET, database: 'locking' }
    const migrations = countingMigrations(target)
    const results = await Promise.all(['b', 'a', 'c'].map((instance) => migrate(warehouse, target, migrations, { instance, pollMs: 10 })))
    expect(results.filter((applied) => applied.length > 0)).toEqual([[1, 2]])
    expect(await runs(target)).toBe(1)
    expect(await migrate(warehouse, target, migrations, { instance: 'd' })).toEqual([])
  })

  it('carries on when the holder dies mid-way: its claim lapses after the ttl', async () => {
    const target = { ...TEST_TARGET, database: 'lapsing' }
    const migrations = countingMigrations(target)
    await migrate(warehouse, target, migrations.slice(0, 1), { instance: 'first' })
    // An instance that claimed the lock and died before it applied anything or released it.
    expect(await migrationLock(warehouse, target, 'dead', 200).claim()).toBe(true)
    expect(await migrate(warehouse, target, migrations, { instance: 'next', pollMs: 20, lockTtlMs: 200 })).toEqual([2])
    expect(await runs(target)).toBe(1)
  })
})
