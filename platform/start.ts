/**
 * Starts the platform in one process: storage (embedded chDB or a ClickHouse server) with its
 * migrations, the OTLP receiver, and the query API with the dashboard. The composition root:
 * the only place that knows every folder.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { MetricRegistry, tenantDirectory, type Tenant } from '../core/index.ts'
import { createReceiverApp, DEFAULT_DECODE_LIMITS } from '../collector/index.ts'
import { createQueryApp, createSpanStore, keyRecogniser, migrate, openWarehouse, sql, type SchemaTarget } from '../ingest/index.ts'
import { registerAlertMetrics } from '../alerts/index.ts'
import type { PlatformSettings } from './config/settings.ts'
import { isLoopback, localTenant } from './local-tenant.ts'
import { listen } from './http-server.ts'
import { storeSink } from './store-sink.ts'
import type { Logger } from './logger.ts'

/** The built dashboard, relative to this file. */
export const DASHBOARD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/dashboard')

/** A running platform. */
export interface Platform {
  /** The dashboard and query API. */
  readonly url: string
  /** The OTLP/HTTP receiver's base URL (POST /v1/traces). */
  readonly otlpUrl: string
  readonly tenants: readonly Tenant[]
  /** True when the tenant was generated because no key was configured. */
  readonly generatedTenant: boolean
  stop(): Promise<void>
}

/** Starts everything; refuses a non-loopback bind without configured keys. */
export async function startPlatform(settings: PlatformSettings, log: Logger): Promise<Platform> {
  const generatedTenant = settings.tenants.length === 0
  if (generatedTenant && !isLoopback(settings.host)) {
    throw new Error(`refusing to listen on ${settings.host} without configured keys: set THROUGHLINE_INGEST_KEY and THROUGHLINE_API_TOKEN or tenants in the config file`)
  }
  const tenants = generatedTenant ? [localTenant(settings.dataDir)] : settings.tenants
  const directory = tenantDirectory(tenants)
  const metrics = new MetricRegistry()
  registerAlertMetrics(metrics)
  const reportError = (error: unknown): void => log.error('unexpected error', error)

  const target: SchemaTarget = { database: settings.storage.database, retentionDays: settings.retentionDays, ...(settings.storage.kind === 'server' && settings.storage.cluster ? { cluster: settings.storage.cluster } : {}) }
  const warehouse = openWarehouse(settings.storage)
  const applied = await migrate(warehouse, target)
  if (applied.length > 0) log.info(`schema migrated to version ${Math.max(...applied)}`)
  const store = createSpanStore(warehouse, target, keyRecogniser(settings.vocabulary))

  const receiver = createReceiverApp({
    tenants: directory,
    sink: storeSink(store, metrics, { maxInFlightRequests: 64, log: reportError }),
    metrics,
    maxRequestBytes: settings.maxRequestBytes,
    limits: DEFAULT_DECODE_LIMITS,
    log: reportError,
  })
  const query = createQueryApp({
    store,
    tenants: directory,
    vocabulary: settings.vocabulary,
    metrics,
    ready: async () => (await warehouse.rows<{ ok: number }>(sql`SELECT 1 AS ok`)).length === 1,
    dashboardDir: DASHBOARD_DIR,
    log: reportError,
  })

  const otlpServer = await listen(receiver, settings.host, settings.otlpPort)
  const queryServer = await listen(query, settings.host, settings.port).catch(async (error: unknown) => {
    await otlpServer.close()
    throw error
  })
  let stopped: Promise<void> | undefined
  return {
    url: queryServer.url,
    otlpUrl: otlpServer.url,
    tenants,
    generatedTenant,
    stop: () => (stopped ??= (async () => {
      // The receiver first, so no request is accepted that storage can no longer take.
      await otlpServer.close()
      await queryServer.close()
      await warehouse.close()
    })()),
  }
}
