/**
 * How a table is laid out on the storage target: a plain MergeTree family table on one engine,
 * or local tables (Replicated ones on a replicated cluster) behind a Distributed table on a
 * cluster. Migrations describe tables once and this module renders the DDL for each.
 */
import type { StorageTarget } from './client.ts'
import { ddlInteger, identifier, joinSql, sql, type Sql } from './sql.ts'

/**
 * A table the platform owns, named in the code of the folder that owns it (never from input);
 * rendered through `identifier`, which refuses anything but a plain name.
 */
export type TableName = string

/** The MergeTree engines the schema uses. */
export type Engine = 'MergeTree' | 'ReplacingMergeTree' | 'AggregatingMergeTree'

/** A cluster's layout: its name, whether its shards replicate, and whether DDL runs `ON CLUSTER`. */
export interface ClusterLayout {
  readonly name: string
  /** Replicated*MergeTree shards (Keeper keeps the replicas), or plain MergeTree ones. */
  readonly replicated: boolean
  /** DDL sent to every node through the distributed DDL queue (Keeper); not in one embedded process. */
  readonly onCluster: boolean
}

/** Where the DDL goes: database, optional cluster, retention. */
export interface SchemaTarget {
  readonly database: string
  readonly cluster?: ClusterLayout
  readonly retentionDays: number
}

/** The schema target of a storage target: a server's cluster replicates unless told not to; the embedded engine's never does. */
export function schemaTargetOf(storage: StorageTarget, retentionDays: number): SchemaTarget {
  const base = { database: storage.database, retentionDays }
  if (!storage.cluster) return base
  return storage.kind === 'server'
    ? { ...base, cluster: { name: storage.cluster, replicated: storage.replicated ?? true, onCluster: true } }
    : { ...base, cluster: { name: storage.cluster, replicated: false, onCluster: false } }
}

/** A table as the migrations describe it. */
export interface TableSpec {
  readonly name: TableName
  readonly columns: Sql
  readonly engine: Engine
  /** ReplacingMergeTree's version column: of two rows with one key, the higher version stays. */
  readonly versionColumn?: string
  /** ReplacingMergeTree's is-deleted column (with a version column): a row whose latest version has it set is gone from FINAL reads. */
  readonly deletedColumn?: string
  readonly orderBy: Sql
  readonly partitionBy?: Sql
  /** A DateTime expression; rows expire retentionDays after it. */
  readonly ttlColumn?: Sql
  /** Days rows are kept when a table keeps less than the retention (a work queue, say). */
  readonly ttlDays?: number
  readonly shardKey: Sql
  /**
   * One table for the whole cluster rather than one per shard (the migration log and its lock):
   * on a replicated cluster every replica of every shard holds all of it.
   */
  readonly clusterWide?: boolean
  /** How many recent inserts' tokens are kept to refuse a repeated one (a replayed batch). */
  readonly dedupWindow?: number
  readonly settings?: Sql
}

/** The name queries and inserts use: the Distributed table on a cluster, the table itself otherwise. */
export function tableRef(target: SchemaTarget, name: TableName): Sql {
  return sql`${identifier(`${target.database}.${name}`)}`
}

/** The table that holds the rows on this node (the Replicated one on a cluster). */
export function storageRef(target: SchemaTarget, name: TableName): Sql {
  return sql`${identifier(`${target.database}.${target.cluster ? `${name}_local` : name}`)}`
}

/** `ON CLUSTER name`, or nothing. */
function onCluster(target: SchemaTarget): Sql {
  return target.cluster?.onCluster ? sql` ON CLUSTER ${identifier(target.cluster.name)}` : sql``
}

function engineClause(target: SchemaTarget, spec: TableSpec): Sql {
  const version = [spec.versionColumn, spec.deletedColumn]
    .filter((column): column is string => column !== undefined)
    .map((column) => sql`${identifier(column)}`)
  if (!target.cluster?.replicated)
    return version.length === 0 ? sql`${identifier(spec.engine)}` : sql`${identifier(spec.engine)}(${joinSql(version, ', ')})`
  const local = identifier(`${spec.name}_local`)
  const path = spec.clusterWide ? sql`'/clickhouse/tables/{database}/${local}'` : sql`'/clickhouse/tables/{shard}/{database}/${local}'`
  return sql`${identifier(`Replicated${spec.engine}`)}(${joinSql([path, sql`'{replica}'`, ...version], ', ')})`
}

const DURABLE_PARTS = sql`fsync_after_insert = 1, fsync_part_directory = 1`

/** The DDL that creates one table, idempotently, for the target. */
export function createTable(target: SchemaTarget, spec: TableSpec): Sql[] {
  const clauses: Sql[] = [sql`ENGINE = ${engineClause(target, spec)}`]
  if (spec.partitionBy) clauses.push(sql`PARTITION BY ${spec.partitionBy}`)
  clauses.push(sql`ORDER BY ${spec.orderBy}`)
  if (spec.ttlColumn) clauses.push(sql`TTL ${spec.ttlColumn} + toIntervalDay(${ddlInteger(spec.ttlDays ?? target.retentionDays)})`)
  const settings = [
    ...(spec.settings ? [spec.settings] : []),
    // A part is on disk before its insert answers, where no replica keeps a second copy (as migration 14 set for the tables before it).
    ...(target.cluster?.replicated ? [] : [DURABLE_PARTS]),
    // Replicated tables keep their tokens in Keeper under another setting; the default window (1000 inserts on a replica, none elsewhere) is too short for a spool's replays.
    ...(spec.dedupWindow
      ? [
          sql`${identifier(target.cluster?.replicated ? 'replicated_deduplication_window' : 'non_replicated_deduplication_window')} = ${ddlInteger(spec.dedupWindow)}`,
        ]
      : []),
  ]
  if (settings.length > 0) clauses.push(sql`SETTINGS ${joinSql(settings, ', ')}`)
  const local = sql`CREATE TABLE IF NOT EXISTS ${storageRef(target, spec.name)}${onCluster(target)} (${spec.columns}) ${joinSql(clauses, ' ')}`
  if (!target.cluster) return [local]
  const distributed = sql`CREATE TABLE IF NOT EXISTS ${tableRef(target, spec.name)}${onCluster(target)} AS ${storageRef(target, spec.name)} ENGINE = Distributed(${identifier(target.cluster.name)}, ${identifier(target.database)}, ${identifier(`${spec.name}_local`)}, ${spec.shardKey})`
  return [local, distributed]
}

/** A materialized view from one local table into another, so each shard indexes its own spans. */
export function createView(target: SchemaTarget, name: string, to: TableName, select: Sql): Sql {
  return sql`CREATE MATERIALIZED VIEW IF NOT EXISTS ${identifier(`${target.database}.${name}`)}${onCluster(target)} TO ${storageRef(target, to)} AS ${select}`
}

/** Drops a materialized view, idempotently; the table it fills stays. */
export function dropView(target: SchemaTarget, name: string): Sql {
  return sql`DROP VIEW IF EXISTS ${identifier(`${target.database}.${name}`)}${onCluster(target)} SYNC`
}

/** Adds columns to a table, idempotently: to the local tables and the Distributed one on a cluster, so both read them. */
export function addColumns(target: SchemaTarget, name: TableName, columns: readonly Sql[]): Sql[] {
  const additions = joinSql(
    columns.map((column) => sql`ADD COLUMN IF NOT EXISTS ${column}`),
    ', ',
  )
  const local = sql`ALTER TABLE ${storageRef(target, name)}${onCluster(target)} ${additions}`
  return target.cluster ? [local, sql`ALTER TABLE ${tableRef(target, name)}${onCluster(target)} ${additions}`] : [local]
}

/** Changes table settings of the tables that hold the rows (the local tables on a cluster). */
export function modifySettings(target: SchemaTarget, name: TableName, settings: Sql): Sql {
  return sql`ALTER TABLE ${storageRef(target, name)}${onCluster(target)} MODIFY SETTING ${settings}`
}

/** Drops a table, its local tables on a cluster included; for derived data a migration rebuilds. */
export function dropTable(target: SchemaTarget, name: TableName): Sql[] {
  const local = sql`DROP TABLE IF EXISTS ${storageRef(target, name)}${onCluster(target)} SYNC`
  return target.cluster ? [sql`DROP TABLE IF EXISTS ${tableRef(target, name)}${onCluster(target)} SYNC`, local] : [local]
}

/** Merges every partition of a table that has more than one part into one (its local tables on a cluster). */
export function optimizeTable(target: SchemaTarget, name: TableName): Sql {
  return sql`OPTIMIZE TABLE ${storageRef(target, name)}${onCluster(target)} FINAL SETTINGS optimize_skip_merged_partitions = 1`
}

/** Empties a table (its local tables on a cluster). */
export function truncateTable(target: SchemaTarget, name: TableName): Sql {
  return sql`TRUNCATE TABLE IF EXISTS ${storageRef(target, name)}${onCluster(target)}`
}

/** `CREATE DATABASE IF NOT EXISTS`. */
export function createDatabase(target: SchemaTarget): Sql {
  return sql`CREATE DATABASE IF NOT EXISTS ${identifier(target.database)}${onCluster(target)}`
}
