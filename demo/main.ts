/**
 * Runs the demo estate on its own against a running Throughline platform:
 *   npx tsx demo/main.ts --endpoint http://127.0.0.1:4318 --api-key <ingest key> [--demo-* flags]
 * With journey counts (`--demo-orders 20`) it sends them, prints a summary and exits; otherwise it
 * sends live traffic until interrupted.
 */
import { parseArgs } from 'node:util'
import type { DemoEvent, DemoOptions, JourneyOutcome } from './index.ts'
import { DEMO_FLAG_HELP, DEMO_FLAG_OPTIONS, demoOptionsOf, describeFaults, startDemoEstate } from './index.ts'

const NARRATION_INTERVAL_MS = 30_000

const USAGE = [
  'usage: tsx demo/main.ts --endpoint <otlp base url> --api-key <ingest key> [demo flags]',
  '  --endpoint <url>   default: OTEL_EXPORTER_OTLP_ENDPOINT, else http://127.0.0.1:4318',
  '  --api-key <key>    default: THROUGHLINE_INGEST_KEY',
  ...Object.entries(DEMO_FLAG_HELP).map(([flag, help]) => `  ${flag.padEnd(18)} ${help}`),
].join('\n')

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`)
  process.exit(2)
}

const OPTIONS = {
  endpoint: { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...DEMO_FLAG_OPTIONS,
} as const

let endpoint: string
let apiKey: string | undefined
let options: DemoOptions
try {
  const { values } = parseArgs({ args: process.argv.slice(2), options: OPTIONS, strict: true, allowPositionals: false })
  if (values.help) {
    console.log(USAGE)
    process.exit(0)
  }
  endpoint = values.endpoint ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318'
  apiKey = values['api-key'] ?? process.env.THROUGHLINE_INGEST_KEY
  options = demoOptionsOf(values)
} catch (error) {
  fail(error instanceof Error ? error.message : String(error))
}
if (apiKey === undefined || apiKey === '') fail('--api-key: an ingest key is needed (or THROUGHLINE_INGEST_KEY)')

const tally = new Map<string, number>()
function narrate(event: DemoEvent): void {
  switch (event.type) {
    case 'system-ready':
      console.log(`  ${event.system.padEnd(14)} ${event.url} (pid ${event.pid})`)
      break
    case 'journey-ended': {
      const slot = `${event.journey.type} ${event.outcome satisfies JourneyOutcome}`
      tally.set(slot, (tally.get(slot) ?? 0) + 1)
      if (event.outcome !== 'complete')
        console.log(`  ${event.outcome}: ${event.journey.type} ${event.journey.key} (${event.reason ?? 'no reason given'})`)
      break
    }
    case 'system-output':
      console.log(`  [${event.system}] ${event.line}`)
      break
    case 'system-problem':
      console.log(`  [${event.system}] problem: ${event.message}`)
      break
    case 'system-exited':
      if (!event.expected) console.log(`  ${event.system} exited unexpectedly (${event.signal ?? event.code})`)
      break
  }
}

console.log(`demo estate: seed ${options.seed}, rate ${options.rate}, ${options.stores} stores, faults ${describeFaults(options.faults)}`)
console.log(`exporting to ${endpoint}`)
const estate = await startDemoEstate({ ...options, endpoint, apiKey, onEvent: narrate })

const narration = setInterval(() => {
  const line = [...tally].map(([slot, count]) => `${slot} ${count}`).join(', ')
  console.log(`journeys so far: ${line === '' ? 'none ended yet' : line}`)
}, NARRATION_INTERVAL_MS)

let stopping = false
async function shutdown(code: number): Promise<void> {
  if (stopping) return
  stopping = true
  clearInterval(narration)
  console.log('stopping the estate (flushing spans)...')
  await estate.stop()
  process.exit(code)
}
process.once('SIGINT', () => void shutdown(130))
process.once('SIGTERM', () => void shutdown(143))

if (options.journeys !== undefined) {
  const summary = await estate.done
  console.log(JSON.stringify(summary, null, 2))
  await shutdown(summary.unfinished === 0 ? 0 : 1)
} else {
  console.log('live traffic is flowing; Ctrl+C stops it')
}
