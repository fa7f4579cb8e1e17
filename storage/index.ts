/**
 * Storage plumbing: the one ClickHouse client of the process (embedded or a server) with its fair
 * queue and request scopes, the `sql` template, the schema DSL that renders DDL for one node or a
 * cluster, the migration runner, and how insert refusals are classified. No feature lives here.
 */
export { openWarehouse } from './client.ts'
export type { RawInsertOptions, RawRowsFormat, StorageTarget, Warehouse } from './client.ts'
export { sql, identifier, typed, joinSql } from './sql.ts'
export type { ParamType, Sql, SqlValue } from './sql.ts'
export {
  addColumns,
  createTable,
  createView,
  dropTable,
  dropView,
  optimizeTable,
  schemaTargetOf,
  storageRef,
  tableRef,
  truncateTable,
} from './schema.ts'
export type { ClusterLayout, Engine, SchemaTarget, TableName, TableSpec } from './schema.ts'
export { readBatch } from './batch.ts'
export type { BatchReads, BatchRows } from './batch.ts'
export { migrate, inVersionOrder } from './migrate.ts'
export type { Migration } from './migration.ts'
export { STORAGE_MIGRATIONS } from './migrations/index.ts'
export { classifyRefusal } from './refusal.ts'
export type { Refusal, RefusalKind, RefusalReason } from './refusal.ts'
export { currentQueryScope, withQueryScope } from './query-scope.ts'
export type { QueryLimits, QueryScope } from './query-scope.ts'
