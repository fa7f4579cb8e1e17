/**
 * Brings the schema up to date: creates the database and the migration log, then applies each
 * numbered migration not yet logged, in the order of their numbers. Each folder that owns tables
 * registers its own migrations; the composition root hands them all here. Every statement is
 * idempotent, so two instances starting at once, or a crash between a statement and its log row,
 * do no harm.
 */
import type { Warehouse } from './client.ts'
import { migrationLog } from './migration-log.ts'
import type { Migration } from './migration.ts'
import { createDatabase, tableRef, type SchemaTarget } from './schema.ts'
import { sql } from './sql.ts'

/** Migrations by ascending version; two with one number are a bug, caught before anything runs. */
export function inVersionOrder(migrations: readonly Migration[]): Migration[] {
  const ordered = [...migrations].sort((a, b) => a.version - b.version)
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i]!.version === ordered[i - 1]!.version) throw new Error(`migrations ${ordered[i - 1]!.name} and ${ordered[i]!.name} share version ${ordered[i]!.version}`)
  }
  return ordered
}

/** Applies pending migrations and returns the versions it applied. */
export async function migrate(warehouse: Warehouse, target: SchemaTarget, migrations: readonly Migration[]): Promise<number[]> {
  const ordered = inVersionOrder(migrations)
  await warehouse.command(createDatabase(target))
  for (const statement of migrationLog(target)) await warehouse.command(statement)
  const log = tableRef(target, 'schema_migrations')
  const done = new Set((await warehouse.rows<{ Version: number }>(sql`SELECT Version FROM ${log} FINAL`)).map((row) => Number(row.Version)))
  const applied: number[] = []
  for (const migration of ordered) {
    if (done.has(migration.version)) continue
    for (const statement of migration.statements(target)) await warehouse.command(statement)
    await warehouse.insert(log, [{ Version: migration.version, Name: migration.name }])
    applied.push(migration.version)
  }
  return applied
}
