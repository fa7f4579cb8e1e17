/** The shape of one numbered schema migration. */
import type { Sql } from './sql.ts'
import type { SchemaTarget } from './schema.ts'

/** A numbered, idempotent schema change: its statements may run again without harm. */
export interface Migration {
  readonly version: number
  readonly name: string
  statements(target: SchemaTarget): Sql[]
}
