/**
 * `npm start`: the platform in one process on the embedded engine, with the demo estate feeding
 * it unless `--no-demo` (or THROUGHLINE_DEMO=0). Prints the dashboard's login link and the
 * ingest key; Ctrl-C stops everything cleanly, and the next start reuses the data.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ConfigError, demoAlertRules, loadSettings, startPlatform, type Platform } from '../platform/index.ts'
import { accessLogger, createLog, type Log, type LogFormat } from '../telemetry/index.ts'
import { DEMO_FLAG_HELP, DEMO_FLAG_OPTIONS, DemoFlagError, demoOptionsOf, startDemoEstate, type DemoEstate } from '../demo/index.ts'

const HELP = `Usage: npm start -- [--no-demo] [demo flags]

Runs Throughline: the OTLP/HTTP receiver, storage, journeys, alerts and the dashboard, with a
simulated retail estate feeding it. Configuration comes from the environment and from
./throughline.yaml (or THROUGHLINE_CONFIG); see README.md.

  --no-demo        run the platform alone (also THROUGHLINE_DEMO=0)
  --version        the version
  --help, -h       this text

Demo flags:
${Object.entries(DEMO_FLAG_HELP)
  .map(([flag, help]) => `  ${flag.padEnd(22)} ${help}`)
  .join('\n')}`

/** The log, once the settings say how; problems before that go to stderr as plain lines. */
let log: Log | undefined

const OPTIONS = {
  'no-demo': { type: 'boolean' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...DEMO_FLAG_OPTIONS,
} as const

/** A command line that cannot be run: what is wrong, then the usage. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  try {
    values = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  if (values.version) {
    console.log((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version)
    return
  }
  const settings = loadSettings(process.env)
  // A person at a terminal reads pretty lines; a log collector reads JSON lines.
  const format: LogFormat = settings.log.format ?? (process.stdout.isTTY ? 'pretty' : 'json')
  const platformLog = (log = createLog({ level: settings.log.level, format }))
  const runDemo = settings.demo && values['no-demo'] !== true
  const demoOptions = runDemo ? demoOptionsOf(values) : undefined

  // Built-in alert rules only for the demo without a config file: the product itself has none.
  const demoAlerts = demoOptions !== undefined && settings.configPath === undefined ? demoAlertRules(settings.journeys) : undefined
  const platform = await startPlatform(
    demoAlerts ? { ...settings, alerts: demoAlerts } : settings,
    platformLog,
    accessLogger(platformLog, format),
  )
  if (demoAlerts)
    platformLog.info(`alerts: ${demoAlerts.rules.length} demo rules from throughline.example.yaml, without channels (see /alerts)`)
  const tenant = platform.tenants[0]!
  let demo: DemoEstate | undefined
  if (demoOptions) {
    demo = await startDemoEstate({ ...demoOptions, endpoint: platform.otlpUrl, apiKey: tenant.ingestKeys[0]! })
  }
  if (format === 'pretty') printWelcome(platform, demo !== undefined, settings.configPath)
  else logWelcome(platformLog, platform, demo !== undefined)
  installShutdown(platformLog, platform, demo)
}

function printWelcome(platform: Platform, demo: boolean, configPath: string | undefined): void {
  const tenant = platform.tenants[0]!
  const lines = [
    '',
    `  Throughline is running${demo ? ' with the demo estate' : ''}.`,
    '',
    // A configured token is a secret someone else chose: it never reaches a terminal or a log.
    `  Dashboard:      ${platform.url}/${platform.generatedTenant ? `?token=${encodeURIComponent(tenant.apiTokens[0]!)}` : ''}`,
    `  OTLP/HTTP:      ${platform.otlpUrl}/v1/traces`,
    `  OTLP/gRPC:      ${platform.otlpGrpcAddress}`,
  ]
  if (platform.generatedTenant) {
    lines.push(
      `  Ingest key:     ${tenant.ingestKeys[0]}   (Authorization: Bearer <key>)`,
      `  API token:      ${tenant.apiTokens[0]}`,
      '  (generated for this machine and kept in the data directory; served on loopback only)',
    )
  } else {
    lines.push(
      `  Tenants:        ${platform.tenants.map((t) => t.name).join(', ')}${configPath ? ` from ${configPath}` : ''}; sign in at ${platform.url}/?token=<API token>`,
    )
  }
  lines.push(
    '',
    demo ? '  Journeys appear within seconds. Ctrl-C stops.' : '  Point an OpenTelemetry exporter at the OTLP endpoint. Ctrl-C stops.',
    '',
  )
  console.log(lines.join('\n'))
}

/** The welcome as one JSON record: where the platform listens, and the generated credentials if any. */
function logWelcome(log: Log, platform: Platform, demo: boolean): void {
  const tenant = platform.tenants[0]!
  const generated = platform.generatedTenant ? { ingestKey: tenant.ingestKeys[0], apiToken: tenant.apiTokens[0] } : {}
  log.info(
    {
      dashboard: platform.url,
      otlp: `${platform.otlpUrl}/v1/traces`,
      otlpGrpc: platform.otlpGrpcAddress,
      demo,
      tenants: platform.tenants.map((t) => t.name),
      ...generated,
    },
    'throughline is running',
  )
}

function installShutdown(log: Log, platform: Platform, demo: DemoEstate | undefined): void {
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) {
      log.warn('stopping already; press Ctrl-C again in a moment to force')
      process.exit(130)
    }
    stopping = true
    log.info(`${signal}: stopping the demo, the receiver and storage...`)
    void (async () => {
      // The demo first, so its last spans reach the receiver before it closes.
      await demo?.stop()
      await platform.stop()
      log.info('stopped cleanly')
      process.exit(0)
    })().catch((error: unknown) => {
      log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof DemoFlagError) {
    console.error(`[throughline] ${error.message}\n\n${HELP}`)
    process.exit(2)
  }
  if (error instanceof ConfigError) console.error(`[throughline] ${error.message}`)
  else if (error instanceof Error && /EADDRINUSE/.test(error.message))
    console.error(
      `[throughline] ${error.message}: another process holds the port; set THROUGHLINE_PORT / THROUGHLINE_OTLP_PORT / THROUGHLINE_OTLP_GRPC_PORT`,
    )
  else if (log) log.fatal({ err: error }, 'cannot start')
  else console.error('[throughline] cannot start:', error)
  process.exit(1)
})
