/** The log of applied migrations; created before any numbered migration runs. */
import { sql } from './sql.ts'
import { createTable, type SchemaTarget } from './schema.ts'
import type { Sql } from './sql.ts'

/** The DDL of the migration log. */
export function migrationLog(target: SchemaTarget): Sql[] {
  return createTable(target, {
    name: 'schema_migrations',
    columns: sql`Version UInt32, Name String, AppliedAt DateTime DEFAULT now()`,
    engine: 'ReplacingMergeTree',
    orderBy: sql`Version`,
    shardKey: sql`Version`,
    clusterWide: true,
  })
}
