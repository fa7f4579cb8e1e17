/**
 * Starts the platform in one process: storage (embedded chDB or a ClickHouse server) with its
 * migrations, the OTLP receiver, and the query API with the dashboard. The composition root:
 * the only place that knows every folder.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { tenantDirectory, type Tenant } from '../core/index.ts'
import { collectProcessMetrics, gauge, MetricRegistry, type Log } from '../telemetry/index.ts'
import {
  createReceiverApp,
  createLogExport,
  createTraceExport,
  DEFAULT_DECODE_LIMITS,
  listenGrpc,
  DEFAULT_MAX_AHEAD_MS,
  openQuarantine,
  openSpool,
  RejectionLog,
} from '../collector/index.ts'
import { createEstateStore, estateRoutes } from '../estate/index.ts'
import {
  createJourneySpanBackfill,
  createJourneyStore,
  createJourneySummariser,
  journeyRoutes,
  stageGraph,
  stageRecogniser,
} from '../journeys/index.ts'
import { createQueryApp } from '../api/index.ts'
import { createSpanStore, keyRecogniser, spanRoutes } from '../spans/index.ts'
import { createLogStore, logRoutes } from '../logs/index.ts'
import { migrate, openWarehouse, schemaTargetOf, sql } from '../storage/index.ts'
import { alertRoutes, createAlertService, registerAlertMetrics } from '../alerts/index.ts'
import { quarantineReplayStorage, rejectionRoutes, spanDrain, spoolDamageKeeper, spoolLogSink, spoolSink } from '../ingest/index.ts'
import type { PlatformSettings } from './config/settings.ts'
import { watchAlertRules } from './config/alerts-watcher.ts'
import { isLoopback, localTenant } from './local-tenant.ts'
import { listen } from './http-server.ts'
import { spoolReport } from './spool-report.ts'
import { cachedReadiness } from './readiness.ts'
import { MIGRATIONS } from './migrations.ts'

/** Most bytes the spool holds for storage before the receiver answers 503: the bound on its disk use. */
const SPOOL_MAX_BYTES = 1024 * 1024 * 1024
/** Most bytes the quarantine holds; past it the drain waits, the spool fills and the receiver answers 503. */
const QUARANTINE_MAX_BYTES = 1024 * 1024 * 1024
/** How much larger than its body a request's rows may grow by copying its resource onto each span. */
const MAX_EXPANSION = 4
const DAY_MS = 86_400_000
/** How long a stop waits for the spool to drain into storage; the rest is replayed on the next start. */
const STOP_DRAIN_MS = 10_000
/** Longest an API read waits for spans acknowledged before it to be stored. */
const READ_AFTER_ACK_MS = 2_000
/** After an upgrade, spans stored before the journey-span index are indexed an hour per this interval. */
const SPAN_BACKFILL_INTERVAL_MS = 250
/** Journey summaries are brought up to date this often; reads refresh what changed since. */
const SUMMARY_INTERVAL_MS = 1_000
/** Longer than an insert takes to commit: a pass leaves the newest touches to the next one. */
const SUMMARY_LAG_MS = 5_000

/** The built dashboard, relative to this file. */
const DASHBOARD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/dashboard')

/** A running platform. */
export interface Platform {
  /** The dashboard and query API. */
  readonly url: string
  /** The OTLP/HTTP receiver's base URL (POST /v1/traces). */
  readonly otlpUrl: string
  /** The OTLP/gRPC receiver's `host:port`. */
  readonly otlpGrpcAddress: string
  readonly tenants: readonly Tenant[]
  /** True when the tenant was generated because no key was configured. */
  readonly generatedTenant: boolean
  stop(): Promise<void>
}

/** Starts everything; refuses a non-loopback bind without configured keys. */
export async function startPlatform(
  settings: PlatformSettings,
  log: Log,
  accessLog: Log = log.child({ log: 'access' }),
): Promise<Platform> {
  const generatedTenant = settings.tenants.length === 0
  if (generatedTenant && !isLoopback(settings.host)) {
    throw new Error(
      `refusing to listen on ${settings.host} without configured keys: set THROUGHLINE_INGEST_KEY and THROUGHLINE_API_TOKEN or tenants in the config file`,
    )
  }
  const tenants = generatedTenant ? [localTenant(settings.dataDir)] : settings.tenants
  const directory = tenantDirectory(tenants)
  const metrics = new MetricRegistry()
  collectProcessMetrics(metrics)
  const alertMetrics = registerAlertMetrics(metrics)

  const target = schemaTargetOf(settings.storage, settings.retentionDays)
  const warehouse = openWarehouse(settings.storage)
  const applied = await migrate(warehouse, target, MIGRATIONS)
  if (applied.length > 0) log.info(`schema migrated to version ${Math.max(...applied)}`)
  const keys = keyRecogniser(settings.vocabulary)
  const stages = stageRecogniser(settings.journeys)
  const store = createSpanStore(warehouse, target, keys, stages)

  const alerts = createAlertService({ warehouse, target, config: settings.alerts, journeys: settings.journeys, metrics: alertMetrics, log })
  // One instance does the cluster's background work: the one that leads the alert evaluation.
  const leads = (): boolean => alerts.leads()
  const summaries = createJourneySummariser(warehouse, target, settings.journeys.map(stageGraph), {
    lagMs: SUMMARY_LAG_MS,
    leads,
    onError: (error) => log.error({ err: error }, 'journey summaries'),
  })
  const spanIndex = createJourneySpanBackfill(warehouse, target, {
    leads,
    onError: (error) => log.error({ err: error }, 'journey-span index backfill'),
    onDone: (hours) => {
      if (hours > 0) log.info(`journey-span index: the spans stored before it are indexed (${hours} hours of them)`)
    },
  })
  const journeys = createJourneyStore(warehouse, target, settings.journeys, { summaries, spanIndex })
  const quarantine = await openQuarantine(path.join(settings.dataDir, 'quarantine'), QUARANTINE_MAX_BYTES)
  gauge(metrics, {
    name: 'throughline_quarantine_bytes',
    help: 'Bytes of spans storage refused for good, kept in the quarantine.',
    collect() {
      this.set(quarantine.bytes())
    },
  })
  // A request's spans start within the retention and a day ahead; a batch gathers requests that arrived together.
  const maxPartitions = settings.retentionDays + 3
  // Opened before the receiver listens: it replays what a previous run acknowledged but did not store.
  const spool = await openSpool({
    dir: path.join(settings.dataDir, 'spool'),
    maxBytes: SPOOL_MAX_BYTES,
    handler: spanDrain(warehouse, target, metrics, { quarantine, maxPartitions }),
    onDamage: spoolDamageKeeper(quarantine, metrics),
    report: spoolReport(metrics, log),
  })
  const rejections = new RejectionLog()

  const exportDeps = {
    sink: spoolSink(spool, metrics, keys, stages),
    metrics,
    maxRequestBytes: settings.maxRequestBytes,
    maxExpandedChars: MAX_EXPANSION * settings.maxRequestBytes,
    limits: DEFAULT_DECODE_LIMITS,
    window: { maxAgeMs: settings.retentionDays * DAY_MS, maxAheadMs: DEFAULT_MAX_AHEAD_MS },
    rejections,
  }
  // One export per signal behind both transports: the same keys, limits, decoding, spool and durability.
  const traceExport = createTraceExport(exportDeps)
  const logExport = createLogExport({ ...exportDeps, logSink: spoolLogSink(spool, keys, stages) })
  const receiver = createReceiverApp({
    ...exportDeps,
    tenants: directory,
    log,
    accessLog,
    traceExport,
    logExport,
    corsOrigins: settings.otlpCorsOrigins,
  })
  const query = createQueryApp({
    tenants: directory,
    metrics,
    ready: cachedReadiness(async () => (await warehouse.rows<{ ok: number }>(sql`SELECT 1 AS ok`)).length === 1),
    // A client that sent spans and then asks for them sees them: reads wait, within a bound, for what was acknowledged before them.
    beforeRead: () => spool.drained(READ_AFTER_ACK_MS),
    dashboardDir: DASHBOARD_DIR,
    log,
    accessLog,
    routes: [
      spanRoutes(store, settings.vocabulary),
      logRoutes(createLogStore(warehouse, target), settings.vocabulary),
      journeyRoutes(journeys),
      estateRoutes(createEstateStore(warehouse, target)),
      alertRoutes(alerts),
      rejectionRoutes(rejections, quarantine, quarantineReplayStorage(warehouse, target, maxPartitions)),
    ],
  })

  const otlpServer = await listen(receiver, settings.host, settings.otlpPort).catch(async (error: unknown) => {
    await spool.close()
    throw error
  })
  const grpcServer = await listenGrpc(
    { tenants: directory, traces: traceExport, logs: logExport, maxRequestBytes: settings.maxRequestBytes, log, accessLog },
    settings.host,
    settings.otlpGrpcPort,
  ).catch(async (error: unknown) => {
    await otlpServer.close()
    await spool.close()
    throw error
  })
  const closeReceivers = async (): Promise<void> => {
    await grpcServer.close()
    await otlpServer.close()
  }
  const queryServer = await listen(query, settings.host, settings.port).catch(async (error: unknown) => {
    await closeReceivers()
    await spool.close()
    throw error
  })
  // Alerts start once the dashboard has an address for their links; the rules follow the file.
  await alerts.start(queryServer.url).catch(async (error: unknown) => {
    await closeReceivers()
    await spool.close()
    await queryServer.close()
    throw error
  })
  summaries.start(SUMMARY_INTERVAL_MS)
  spanIndex.start(SPAN_BACKFILL_INTERVAL_MS)
  const alertWatch = settings.configPath
    ? watchAlertRules(settings.configPath, settings.journeys, (config) => alerts.reload(config), log)
    : undefined
  let stopped: Promise<void> | undefined
  return {
    url: queryServer.url,
    otlpUrl: otlpServer.url,
    otlpGrpcAddress: grpcServer.address,
    tenants,
    generatedTenant,
    stop: () =>
      (stopped ??= (async () => {
        // The receivers first, so no request is accepted that storage can no longer take; then what
        // the spool holds goes to storage while it is still open.
        await closeReceivers()
        await spool.close({ drainWithinMs: STOP_DRAIN_MS })
        await quarantine.close()
        await queryServer.close()
        alertWatch?.close()
        await alerts.stop()
        await summaries.stop()
        await spanIndex.stop()
        await warehouse.close()
      })()),
  }
}
