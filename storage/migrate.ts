/**
 * Brings the schema up to date: creates the database, the migration log and its lock, then
 * applies each numbered migration not yet logged, in the order of their numbers. Each folder that
 * owns tables registers its own migrations; the composition root hands them all here. Instances
 * starting at once migrate once: the lock's holder applies, the others wait for the log to show
 * every migration (./migration-lock.ts). Every statement is also idempotent, so a crash between a
 * statement and its log row does no harm.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Warehouse } from './client.ts'
import { migrationLog } from './migration-log.ts'
import { migrationClaimsTable, migrationLock } from './migration-lock.ts'
import type { Migration } from './migration.ts'
import { createDatabase, tableRef, type SchemaTarget } from './schema.ts'
import { sql } from './sql.ts'

/** How an instance takes part in migrating. */
export interface MigrateOptions {
  /** This instance's id in the lock; unique per process unless said. */
  readonly instance?: string
  /** How often a waiting instance looks at the log again. */
  readonly pollMs?: number
  /** How long a claim lasts without renewal: longer than any one migration takes. */
  readonly lockTtlMs?: number
}

const POLL_MS = 500
const LOCK_TTL_MS = 10 * 60_000

/** Migrations by ascending version; two with one number are a bug, caught before anything runs. */
export function inVersionOrder(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version)
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.version === ordered[i - 1]!.version)
      throw new Error(`migrations ${ordered[i - 1]!.name} and ${ordered[i]!.name} share version ${ordered[i]!.version}`)
  }
  return ordered
}

/** Applies pending migrations, or waits while another instance does; returns the versions this one applied. */
export async function migrate(
  warehouse: Warehouse,
  target: SchemaTarget,
  migrations: readonly Migration[],
  options: MigrateOptions = {},
): Promise<number[]> {
  const ordered = inVersionOrder(migrations)
  await warehouse.command(createDatabase(target))
  for (const statement of [...migrationLog(target), ...migrationClaimsTable(target)]) await warehouse.command(statement)
  const log = tableRef(target, 'schema_migrations')
  const pending = async (): Promise<Migration[]> => {
    const done = new Set(
      (await warehouse.rows<{ Version: number }>(sql`SELECT Version FROM ${log} FINAL`)).map((row) => Number(row.Version)),
    )
    return ordered.filter((migration) => !done.has(migration.version))
  }
  const lock = migrationLock(
    warehouse,
    target,
    options.instance ?? `${hostname()}/${process.pid}/${randomUUID()}`,
    options.lockTtlMs ?? LOCK_TTL_MS,
  )
  const applied: number[] = []
  try {
    for (let waiting = await pending(); waiting.length > 0; waiting = await pending()) {
      if (!(await lock.claim())) {
        await sleep(options.pollMs ?? POLL_MS)
        continue
      }
      for (const migration of await pending()) {
        for (const statement of migration.statements(target)) await warehouse.command(statement)
        await warehouse.insert(log, [{ Version: migration.version, Name: migration.name }])
        applied.push(migration.version)
        // Still the holder between migrations: a long upgrade does not let its claim lapse.
        await lock.claim()
      }
    }
  } finally {
    await lock.release()
  }
  return applied
}
