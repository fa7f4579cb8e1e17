/**
 * Reads the config once: environment and optional YAML file, validated with zod into one
 * frozen object. Any problem is a ConfigError whose message names each bad field.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import type { Tenant } from '../../core/index.ts'
import type { JourneyDefinition } from '../../journeys/index.ts'
import type { KeyVocabulary } from '../../spans/index.ts'
import type { StorageTarget } from '../../storage/index.ts'
import { DEFAULT_JOURNEYS, resolveJourneys } from '../../journeys/index.ts'
import { BUSINESS_KEYS } from '@throughline/sdk/conventions'
import { alertJourneyIssues, NO_ALERTS, type AlertsConfig } from '../../alerts/index.ts'
import { configFileSchema, type ConfigFile } from './file-schema.ts'
import { envSchema, type PlatformEnv } from './env-schema.ts'
import type { LogFormat, LogLevel } from '../../telemetry/index.ts'

/** Everything the platform is configured with. */
export interface PlatformSettings {
  readonly host: string
  readonly port: number
  readonly otlpPort: number
  readonly otlpGrpcPort: number
  readonly dataDir: string
  readonly retentionDays: number
  readonly maxRequestBytes: number
  /** Origins whose pages may export spans from a browser; none unless configured. */
  readonly otlpCorsOrigins: readonly string[]
  readonly storage: StorageTarget
  /** Tenants from the file or the environment; empty when none is configured. */
  readonly tenants: readonly Tenant[]
  readonly vocabulary: KeyVocabulary
  /** The default journeys as the config file adjusted and extended them. */
  readonly journeys: readonly JourneyDefinition[]
  /** Alert rules and channels; none without an `alerts:` section. */
  readonly alerts: AlertsConfig
  /** False when THROUGHLINE_DEMO says so; the command line may turn it off too. */
  readonly demo: boolean
  /** The log's level, and its format when set (else JSON lines, or pretty lines at a terminal). */
  readonly log: { readonly level: LogLevel; readonly format?: LogFormat }
  /** The config file read, if any. */
  readonly configPath?: string
}

/** A configuration problem, its message naming every bad field. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

function describeIssues(source: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => `  ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
  return `invalid configuration in ${source}:\n${lines.join('\n')}`
}

/** Where the data lives: a server (or cluster) when CLICKHOUSE_URL says so, else the embedded engine, clustered only with an engine config. */
function storageTarget(e: PlatformEnv, dataDir: string, cwd: string): StorageTarget {
  const cluster = e.CLICKHOUSE_CLUSTER ? { cluster: e.CLICKHOUSE_CLUSTER } : {}
  if (e.CLICKHOUSE_URL) {
    return {
      kind: 'server',
      url: e.CLICKHOUSE_URL,
      user: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      ...cluster,
      ...(e.CLICKHOUSE_REPLICATED ? { replicated: e.CLICKHOUSE_REPLICATED === '1' || e.CLICKHOUSE_REPLICATED === 'true' } : {}),
      ...(e.CLICKHOUSE_INSERT_QUORUM ? { insertQuorum: e.CLICKHOUSE_INSERT_QUORUM } : {}),
    }
  }
  if (e.CLICKHOUSE_REPLICATED === '1' || e.CLICKHOUSE_REPLICATED === 'true')
    throw new ConfigError('CLICKHOUSE_REPLICATED needs CLICKHOUSE_URL: the embedded engine has no Keeper to replicate with')
  if (e.CLICKHOUSE_CLUSTER && !e.THROUGHLINE_CHDB_CONFIG) {
    throw new ConfigError(
      'CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL, or THROUGHLINE_CHDB_CONFIG naming an engine config file whose remote_servers define the cluster',
    )
  }
  const engineConfig = e.THROUGHLINE_CHDB_CONFIG ? path.resolve(cwd, e.THROUGHLINE_CHDB_CONFIG) : undefined
  if (engineConfig && !existsSync(engineConfig))
    throw new ConfigError(`THROUGHLINE_CHDB_CONFIG names ${engineConfig}, which does not exist`)
  return { kind: 'embedded', dataDir, database: e.CLICKHOUSE_DATABASE, ...(engineConfig ? { engineConfig } : {}), ...cluster }
}

/** Fails unless the alert rules' journeys and stages are among the configured journeys. */
function checkAlertJourneys(file: string, alerts: AlertsConfig, journeys: readonly JourneyDefinition[]): void {
  const issues = alertJourneyIssues(alerts, journeys)
  if (issues.length > 0)
    throw new ConfigError(
      `invalid configuration in ${file}:\n${issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    )
}

/** Reads the file's alert rules again, for a reload; a ConfigError names the bad field. */
export function reloadAlerts(file: string, journeys: readonly JourneyDefinition[]): AlertsConfig {
  const alerts = readConfigFile(file).alerts ?? NO_ALERTS
  checkAlertJourneys(file, alerts, journeys)
  return alerts
}

function readConfigFile(file: string): ConfigFile {
  let raw: unknown
  try {
    raw = parseYaml(readFileSync(file, 'utf8')) ?? {}
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = configFileSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(describeIssues(file, parsed.error))
  return parsed.data
}

/** Fails when a secret is both an ingest key and an API token: the one ships inside services, the other opens the dashboard. */
function checkSecretsApart(source: string, tenants: readonly Tenant[]): void {
  const ingestKeys = new Set(tenants.flatMap((tenant) => tenant.ingestKeys))
  const issues = tenants.flatMap((tenant, t) =>
    tenant.apiTokens.flatMap((token, i) =>
      ingestKeys.has(token)
        ? [
            `  tenants.${t}.api_tokens.${i}: equals an ingest key; an ingest key ships inside services, an API token opens the dashboard, so they must differ`,
          ]
        : [],
    ),
  )
  if (issues.length > 0) throw new ConfigError(`invalid configuration in ${source}:\n${issues.join('\n')}`)
}

/** Loads and validates the settings from an environment (process.env in production). */
export function loadSettings(rawEnv: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): PlatformSettings {
  // An empty variable counts as unset, as OpenTelemetry's configuration specification says.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ''))
  const parsedEnv = envSchema.safeParse(env)
  if (!parsedEnv.success) throw new ConfigError(describeIssues('the environment', parsedEnv.error))
  const e = parsedEnv.data
  const configPath = e.THROUGHLINE_CONFIG ? path.resolve(cwd, e.THROUGHLINE_CONFIG) : path.resolve(cwd, 'throughline.yaml')
  if (e.THROUGHLINE_CONFIG && !existsSync(configPath)) throw new ConfigError(`THROUGHLINE_CONFIG names ${configPath}, which does not exist`)
  const file = existsSync(configPath) ? readConfigFile(configPath) : undefined

  const tenants: Tenant[] = (file?.tenants ?? []).map((t) => ({ name: t.name, ingestKeys: t.ingest_keys, apiTokens: t.api_tokens }))
  if (e.THROUGHLINE_INGEST_KEY || e.THROUGHLINE_API_TOKEN) {
    if (!e.THROUGHLINE_INGEST_KEY || !e.THROUGHLINE_API_TOKEN)
      throw new ConfigError('THROUGHLINE_INGEST_KEY and THROUGHLINE_API_TOKEN go together: set both or neither')
    if (tenants.length > 0)
      throw new ConfigError(
        `${configPath} defines tenants; THROUGHLINE_INGEST_KEY and THROUGHLINE_API_TOKEN set a single tenant: use one or the other`,
      )
    tenants.push({ name: 'default', ingestKeys: [e.THROUGHLINE_INGEST_KEY], apiTokens: [e.THROUGHLINE_API_TOKEN] })
  }
  checkSecretsApart(file && !e.THROUGHLINE_INGEST_KEY ? configPath : 'the environment', tenants)
  const dataDir = path.resolve(cwd, e.THROUGHLINE_DATA)
  const storage = storageTarget(e, dataDir, cwd)
  const journeys = resolveJourneys(file?.journeys, DEFAULT_JOURNEYS, [...BUSINESS_KEYS, ...(file?.keys?.extra ?? [])])
  if (!journeys.ok)
    throw new ConfigError(
      `invalid configuration in ${configPath}:\n${journeys.error.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    )
  const alerts = file?.alerts ?? NO_ALERTS
  checkAlertJourneys(configPath, alerts, journeys.value)

  return Object.freeze({
    host: e.THROUGHLINE_HOST,
    port: e.THROUGHLINE_PORT,
    otlpPort: e.THROUGHLINE_OTLP_PORT,
    otlpGrpcPort: e.THROUGHLINE_OTLP_GRPC_PORT,
    dataDir,
    retentionDays: e.THROUGHLINE_RETENTION_DAYS,
    maxRequestBytes: e.THROUGHLINE_MAX_REQUEST_BYTES,
    otlpCorsOrigins: Object.freeze(e.THROUGHLINE_OTLP_CORS_ORIGINS.map((origin) => (origin === '*' ? origin : new URL(origin).origin))),
    storage,
    tenants: Object.freeze(tenants),
    vocabulary: Object.freeze({
      aliases: Object.freeze({ ...(file?.keys?.aliases ?? {}) }),
      extraKeys: Object.freeze([...(file?.keys?.extra ?? [])]),
    }),
    journeys: journeys.value,
    alerts,
    demo: !(e.THROUGHLINE_DEMO === '0' || e.THROUGHLINE_DEMO === 'false'),
    log: Object.freeze({ level: e.THROUGHLINE_LOG_LEVEL, ...(e.THROUGHLINE_LOG_FORMAT ? { format: e.THROUGHLINE_LOG_FORMAT } : {}) }),
    ...(file ? { configPath } : {}),
  })
}
