/**
 * Opens the one ClickHouse client of the process: the embedded engine (chDB) in the data
 * directory by default, a server when a URL is configured. Everything else talks to the
 * `Warehouse` below, so the same code runs on both.
 */
import path from 'node:path'
import { mkdirSync } from 'node:fs'
import { createClient, type ClickHouseClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import type { Sql } from './sql.ts'

/** Where the spans live: embedded in a data directory, or on a server or cluster. */
export type StorageTarget =
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly database: string }
  | { readonly kind: 'server'; readonly url: string; readonly user: string; readonly password: string; readonly database: string; readonly cluster?: string }

/** The storage operations the platform needs, over `@clickhouse/client`. */
export interface Warehouse {
  readonly target: StorageTarget
  /** Rows of a SELECT, as objects. */
  rows<T>(query: Sql): Promise<T[]>
  /** A statement without a result (DDL, ALTER). */
  command(statement: Sql): Promise<void>
  /** A batched JSONEachRow insert; the token makes a retried insert a no-op. */
  insert(table: Sql, rows: readonly object[], dedupToken?: string): Promise<void>
  close(): Promise<void>
}

/** Opens the client for a storage target. */
export function openWarehouse(target: StorageTarget): Warehouse {
  const client = target.kind === 'embedded' ? embeddedClient(target.dataDir) : serverClient(target)
  return {
    target,
    async rows<T>(query: Sql): Promise<T[]> {
      const result = await client.query({ query: query.text, query_params: { ...query.params }, format: 'JSONEachRow' })
      return result.json<T>()
    },
    async command(statement: Sql): Promise<void> {
      await client.command({ query: statement.text, query_params: { ...statement.params } })
    },
    async insert(table: Sql, rows: readonly object[], dedupToken?: string): Promise<void> {
      if (rows.length === 0) return
      await client.insert({
        table: table.text,
        values: rows as object[],
        format: 'JSONEachRow',
        clickhouse_settings: dedupToken ? { insert_deduplicate: 1, insert_deduplication_token: dedupToken } : {},
      })
    },
    close: () => client.close(),
  }
}

function embeddedClient(dataDir: string): ClickHouseClient {
  const dir = path.resolve(dataDir, 'clickhouse')
  mkdirSync(dir, { recursive: true })
  // chdb types its connection against @clickhouse/client-common, which the client now bundles
  // under its own path: the same interface under two names, so the cast is only nominal.
  const connection = createChdbConnection({ path: dir }) as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection']
  return createClient({ connection })
}

function serverClient(target: Extract<StorageTarget, { kind: 'server' }>): ClickHouseClient {
  return createClient({
    url: target.url,
    username: target.user,
    password: target.password,
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  })
}
