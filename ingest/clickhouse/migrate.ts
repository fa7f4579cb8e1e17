/**
 * Brings the schema up to date: creates the database and the migration log, then applies each
 * numbered migration not yet logged. Every statement is idempotent, so two instances starting
 * at once, or a crash between a statement and its log row, do no harm.
 */
import type { Warehouse } from './connection.ts'
import { MIGRATIONS, migrationLog } from './migrations/index.ts'
import { createDatabase, tableRef, type SchemaTarget } from './schema.ts'
import { sql } from './sql.ts'

/** Applies pending migrations and returns the versions it applied. */
export async function migrate(warehouse: Warehouse, target: SchemaTarget): Promise<number[]> {
  await warehouse.command(createDatabase(target))
  for (const statement of migrationLog(target)) await warehouse.command(statement)
  const log = tableRef(target, 'schema_migrations')
  const done = new Set((await warehouse.rows<{ Version: number }>(sql`SELECT Version FROM ${log} FINAL`)).map((row) => Number(row.Version)))
  const applied: number[] = []
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue
    for (const statement of migration.statements(target)) await warehouse.command(statement)
    await warehouse.insert(log, [{ Version: migration.version, Name: migration.name }])
    applied.push(migration.version)
  }
  return applied
}
