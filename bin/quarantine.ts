/**
 * `npm run quarantine -- [list|replay]`: what storage refused and kept in the quarantine, and its
 * replay once the cause is fixed, through the running platform's API (the platform owns the
 * data directory while it runs). The token is THROUGHLINE_API_TOKEN, or the one `npm start`
 * generated in the data directory; THROUGHLINE_URL points at another platform.
 */
import type { IngestRejectionsResponse, QuarantineReplayResponse } from '../core/index.ts'
import { ConfigError, loadSettings, savedLocalTenant } from '../platform/index.ts'

const HELP = `Usage: npm run quarantine -- [list|replay]

  list     the spans refused at ingest for your tenant: counts by reason and the newest (the default)
  replay   send your tenant's quarantined spans to storage again, once the cause is fixed;
           those stored leave the quarantine, those refused again stay with the new reason

Talks to the running platform at THROUGHLINE_URL (default http://<THROUGHLINE_HOST>:<THROUGHLINE_PORT>)
with THROUGHLINE_API_TOKEN, or the token npm start generated in the data directory.`

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0] ?? 'list'
  if (command === '--help' || command === '-h' || (command !== 'list' && command !== 'replay')) {
    console.log(HELP)
    return command === '--help' || command === '-h' ? 0 : 2
  }
  const settings = loadSettings(process.env)
  const base = (
    process.env.THROUGHLINE_URL || `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`
  ).replace(/\/+$/, '')
  const token = process.env.THROUGHLINE_API_TOKEN || savedLocalTenant(settings.dataDir)?.apiTokens[0]
  if (!token) {
    console.error("[throughline] no API token: set THROUGHLINE_API_TOKEN to your tenant's token")
    return 2
  }
  const headers = { authorization: `Bearer ${token}` }
  const response =
    command === 'replay'
      ? await fetch(`${base}/api/ingest/rejections/replay`, { method: 'POST', headers })
      : await fetch(`${base}/api/ingest/rejections?limit=20`, { headers })
  const body = (await response.json()) as unknown
  if (!response.ok) {
    console.error(`[throughline] ${response.status}: ${(body as { error?: { message?: string } }).error?.message ?? JSON.stringify(body)}`)
    return 1
  }
  if (command === 'replay') {
    const outcome = body as QuarantineReplayResponse
    console.log(
      `[throughline] replayed ${outcome.replayed} quarantined spans: ${outcome.stored} stored, ${outcome.stillQuarantined} refused again and kept`,
    )
    return outcome.stillQuarantined === 0 ? 0 : 1
  }
  const answer = body as IngestRejectionsResponse
  const line = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ') || 'none'
  console.log(`refused by the receiver since it started: ${line(answer.rejectedByReason)}`)
  console.log(`in the quarantine: ${line(answer.quarantinedByReason)}`)
  for (const r of answer.recent)
    console.log(`  ${r.at}  ${r.source.padEnd(10)} ${r.reason.padEnd(22)} ${r.service}/${r.name} ${r.traceId}  ${r.message}`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[throughline] ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
