/**
 * Opens the one ClickHouse client of the process: the embedded engine (chDB) in the data
 * directory by default, a server when a URL is configured. Everything else talks to the
 * `Warehouse` below, so the same code runs on both.
 */
import path from 'node:path'
import { mkdirSync } from 'node:fs'
import { Readable } from 'node:stream'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { Session } from 'chdb'
import { createChdbConnection } from 'chdb/connection'
import { identifier, joinSql, sql, type Sql } from './sql.ts'
import { currentQueryScope, laneOf, limitSettings } from './query-scope.ts'
import { FairQueue } from './fair-queue.ts'

/** Where the spans live: embedded in a data directory, or on a server or cluster. */
export type StorageTarget =
  | {
      readonly kind: 'embedded'
      readonly dataDir: string
      readonly database: string
      /**
       * An engine config file (`--config-file`): with a `remote_servers` cluster of `localhost`
       * shards and `cluster` naming it, the schema is Distributed tables over local ones in this
       * one process, so the cluster path runs without a server.
       */
      readonly engineConfig?: string
      readonly cluster?: string
    }
  | {
      readonly kind: 'server'
      readonly url: string
      readonly user: string
      readonly password: string
      readonly database: string
      readonly cluster?: string
      /** Whether the cluster's shards are Replicated tables (the default) or plain ones. */
      readonly replicated?: boolean
      /** `insert_quorum` for every insert on a replicated cluster (`auto` for a majority), when set. */
      readonly insertQuorum?: string
    }

/**
 * The text format of rows serialised before the insert: JSONEachRow, or JSONCompactEachRow (one
 * JSON array per row, in the order of the named columns), which is smaller and parses faster.
 */
export type RawRowsFormat = { readonly name: 'JSONEachRow' } | { readonly name: 'JSONCompactEachRow'; readonly columns: readonly string[] }

/** What a raw insert may be told beyond its rows. */
export interface RawInsertOptions {
  /**
   * Most partitions one insert may write (ClickHouse's `max_partitions_per_insert_block`, 100 by
   * default): a table partitioned by day needs the days a batch may span.
   */
  readonly maxPartitions?: number
}

/** The storage operations the platform needs, over `@clickhouse/client`. */
export interface Warehouse {
  readonly target: StorageTarget
  /** Rows of a SELECT, as objects. */
  rows<T>(query: Sql): Promise<T[]>
  /** A statement without a result (DDL, ALTER). */
  command(statement: Sql): Promise<void>
  /** A batched JSONEachRow insert; the token makes a retried insert a no-op. */
  insert(table: Sql, rows: readonly object[], dedupToken?: string): Promise<void>
  /** Inserts rows already serialised as text (JSONEachRow unless told), in chunks sent as one body, so a spooled batch is not parsed again. */
  insertRaw(table: Sql, rows: readonly Uint8Array[], dedupToken?: string, format?: RawRowsFormat, options?: RawInsertOptions): Promise<void>
  close(): Promise<void>
}

/** Statements a server runs at once for this process; the embedded engine runs one at a time whatever it is sent. */
const SERVER_SLOTS = 8

/** Opens the client for a storage target. */
export function openWarehouse(target: StorageTarget): Warehouse {
  const { client, close } =
    target.kind === 'embedded'
      ? embeddedClient(target.dataDir, target.engineConfig)
      : { client: serverClient(target), close: () => Promise.resolve() }
  const durability = durableInsertSettings(target)
  const queue = new FairQueue(target.kind === 'embedded' ? 1 : SERVER_SLOTS)
  /** Runs a statement in its lane's turn, under the request's scope if it has one. */
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const scope = currentQueryScope()
    return queue.run(laneOf(scope), work, scope?.signal)
  }
  return {
    target,
    rows<T>(query: Sql): Promise<T[]> {
      const scope = currentQueryScope()
      return inTurn(async () => {
        const result = await client.query({
          query: query.text,
          query_params: { ...query.params },
          format: 'JSONEachRow',
          clickhouse_settings: limitSettings(scope),
          ...(scope?.signal ? { abort_signal: scope.signal } : {}),
        })
        return result.json<T>()
      })
    },
    async command(statement: Sql): Promise<void> {
      await inTurn(() =>
        client.command({
          query: statement.text,
          query_params: { ...statement.params },
          clickhouse_settings: limitSettings(currentQueryScope()),
        }),
      )
    },
    async insert(table: Sql, rows: readonly object[], dedupToken?: string): Promise<void> {
      if (rows.length === 0) return
      await inTurn(() =>
        client.insert({
          table: table.text,
          values: rows,
          format: 'JSONEachRow',
          clickhouse_settings: { ...dedupSettings(dedupToken), ...durability, ...limitSettings(undefined) },
        }),
      )
    },
    async insertRaw(
      table: Sql,
      rows: readonly Uint8Array[],
      dedupToken?: string,
      format: RawRowsFormat = { name: 'JSONEachRow' },
      options: RawInsertOptions = {},
    ): Promise<void> {
      if (rows.every((chunk) => chunk.byteLength === 0)) return
      // exec, not insert: the client re-encodes insert values for JSON formats, and these are text already.
      const statement =
        format.name === 'JSONEachRow'
          ? sql`INSERT INTO ${table} FORMAT JSONEachRow`
          : sql`INSERT INTO ${table} (${joinSql(
              format.columns.map((column) => sql`${identifier(column)}`),
              ', ',
            )}) FORMAT JSONCompactEachRow`
      await inTurn(async () => {
        const result = await client.exec({
          query: statement.text,
          query_params: { ...statement.params },
          values: Readable.from(rows, { objectMode: false }),
          // No merge of the block at insert time (about a tenth of the insert's cost): the Replacing
          // and Aggregating tables fold duplicates in background merges, and reads are exact before.
          clickhouse_settings: {
            ...dedupSettings(dedupToken),
            ...durability,
            ...limitSettings(undefined),
            optimize_on_insert: 0,
            ...(options.maxPartitions === undefined ? {} : { max_partitions_per_insert_block: String(options.maxPartitions) }),
          },
        })
        // The answer of an INSERT is empty, but a server's socket is freed only once it is read.
        for await (const _ of result.stream) {
          /* discard */
        }
      })
    },
    close: async () => {
      await client.close()
      await close()
    },
  }
}

/**
 * Settings of an insert. The token is always sent, empty when there is none, because the embedded
 * engine keeps a SET for the rest of its session: a stale token would silently drop the next
 * insert as a duplicate.
 */
function dedupSettings(dedupToken: string | undefined): { insert_deduplicate: 1; insert_deduplication_token: string } {
  return { insert_deduplicate: 1, insert_deduplication_token: dedupToken ?? '' }
}

/**
 * On a cluster an insert answers only once every shard has its rows (a Distributed table queues
 * them on the receiving node's disk otherwise, and the spool would let go of rows held in one
 * place), and once a quorum of replicas has them when one is configured.
 */
function durableInsertSettings(target: StorageTarget): { insert_distributed_sync?: 1; insert_quorum?: string } {
  if (!target.cluster) return {}
  return { insert_distributed_sync: 1, ...(target.kind === 'server' && target.insertQuorum ? { insert_quorum: target.insertQuorum } : {}) }
}

function embeddedClient(dataDir: string, engineConfig: string | undefined): { client: ClickHouseClient; close: () => Promise<void> } {
  const dir = path.resolve(dataDir, 'clickhouse')
  mkdirSync(dir, { recursive: true })
  // createChdbConnection takes no engine arguments, but chDB keeps one engine per data directory:
  // a session opened first with the config file is the engine the connection then shares.
  const configured =
    engineConfig === undefined ? undefined : new Session(dir, { connectionArgs: [`--config-file=${path.resolve(engineConfig)}`] })
  // chdb types its connection against @clickhouse/client-common, which the client now bundles
  // under its own path: the same interface under two names, so the cast is only nominal.
  const connection = createChdbConnection({ path: dir }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection']
  return { client: createClient({ connection }), close: () => Promise.resolve(configured?.close()) }
}

function serverClient(target: Extract<StorageTarget, { kind: 'server' }>): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.user,
    password: target.password,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
}
