/**
 * What storage refuses is quarantined, listed and, once the cause is gone, replayed exactly once.
 * The cause here is real: a check on the spans table (as a schema too strict for some spans
 * would be) that the engine enforces on insert. The platform runs as `npm start` runs it; the
 * replay is the documented command, `npm run quarantine -- replay`.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { IngestRejectionsResponse, TraceResponse } from '../core/index.ts'
import { migrate, openWarehouse, sql, storageRef, type Warehouse } from '../storage/index.ts'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'
import { eventually } from './fixtures/wait.ts'
import { MIGRATIONS } from '../platform/index.ts'
import { TEST_TARGET, testStorage } from './fixtures/topology.ts'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-quarantine-e2e-'))
let platform: PlatformProcess | undefined

afterAll(async () => {
  if (platform && platform.child.exitCode === null) await platform.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Works on the platform's warehouse while the platform is stopped (the engine takes one process per data directory). */
async function withWarehouse<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
  const warehouse = openWarehouse(testStorage(dataDir))
  try {
    return await work(warehouse)
  } finally {
    await warehouse.close()
  }
}

async function api<T>(route: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform!.url}${route}`, { headers: { authorization: `Bearer ${platform!.apiToken}` } })
  return { status: response.status, body: (await response.json()) as T }
}

/** Runs the documented command against the running platform. */
function quarantineCommand(...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/quarantine.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, THROUGHLINE_DATA: dataDir, THROUGHLINE_URL: platform!.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

const traceId = randomBytes(16).toString('hex')
const start = BigInt(Date.now()) * 1_000_000n
const span = (spanId: string, name: string) => ({
  traceId,
  spanId,
  name,
  kind: 2,
  startTimeUnixNano: String(start),
  endTimeUnixNano: String(start + 5_000_000n),
  attributes: [{ key: 'retail.order.id', value: { stringValue: `Q-${traceId.slice(0, 8)}` } }],
})

describe('the quarantine', () => {
  it('keeps what storage refuses, lists it for its tenant, and replays it exactly once when the cause is gone', async () => {
    await withWarehouse(async (warehouse) => {
      await migrate(warehouse, TEST_TARGET, MIGRATIONS)
      await warehouse.command(
        sql`ALTER TABLE ${storageRef(TEST_TARGET, 'spans')} ADD CONSTRAINT refuses_some CHECK SpanName != 'refused-by-check'`,
      )
    })
    platform = await startPlatformProcess(['--no-demo'], {}, dataDir)
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'erp-gateway' } }] },
          scopeSpans: [{ spans: [span('00000000000000a1', 'refused-by-check'), span('00000000000000a2', 'fine')] }],
        },
      ],
    })
    const sent = await fetch(`${platform.otlpUrl}/v1/traces`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${platform.ingestKey}`, 'content-type': 'application/json' },
    })
    expect(sent.status).toBe(200)

    const listed = await eventually(
      async () => {
        const answer = await api<IngestRejectionsResponse>('/api/ingest/rejections')
        return answer.body.quarantinedByReason.refused === 1 ? answer.body : undefined
      },
      'the refused span in the quarantine',
      30_000,
    )
    expect(listed.recent[0]).toMatchObject({
      source: 'quarantine',
      reason: 'refused',
      traceId,
      spanId: '00000000000000a1',
      name: 'refused-by-check',
      service: 'erp-gateway',
    })
    expect(listed.recent[0]!.message).toMatch(/refuses_some/)
    expect((await api<TraceResponse>(`/api/traces/${traceId}`)).body.spans.map((s) => s.name)).toEqual(['fine'])
    expect(await (await fetch(`${platform.url}/metrics`, { headers: { authorization: `Bearer ${platform.apiToken}` } })).text()).toMatch(
      /throughline_spans_quarantined_total\{reason="refused"\} 1/,
    )

    // While the cause stands, a replay keeps the span where it is.
    expect(await quarantineCommand('replay')).toMatchObject({
      code: 1,
      output: expect.stringMatching(/replayed 1 quarantined spans: 0 stored, 1 refused again/),
    })

    expect(await platform.stop()).toBe(0)
    await withWarehouse((warehouse) => warehouse.command(sql`ALTER TABLE ${storageRef(TEST_TARGET, 'spans')} DROP CONSTRAINT refuses_some`))
    platform = await startPlatformProcess(['--no-demo'], {}, dataDir)
    expect((await api<IngestRejectionsResponse>('/api/ingest/rejections')).body.quarantinedByReason).toEqual({ refused: 1 })

    expect(await quarantineCommand('replay')).toMatchObject({
      code: 0,
      output: expect.stringMatching(/replayed 1 quarantined spans: 1 stored, 0 refused again/),
    })
    expect(await quarantineCommand('replay')).toMatchObject({ code: 0, output: expect.stringMatching(/replayed 0 quarantined spans/) })
    expect((await api<TraceResponse>(`/api/traces/${traceId}`)).body.spans.map((s) => s.name).sort()).toEqual(['fine', 'refused-by-check'])
    expect((await api<IngestRejectionsResponse>('/api/ingest/rejections')).body.quarantinedByReason).toEqual({})
    expect(await platform.stop()).toBe(0)

    // Below the API's one-row-per-span reads: one row of each span in the table itself.
    const rows = await withWarehouse((warehouse) =>
      warehouse.rows<{ SpanName: string }>(sql`SELECT SpanName FROM throughline.spans WHERE TraceId = ${traceId} ORDER BY SpanName`),
    )
    expect(rows.map((row) => row.SpanName)).toEqual(['fine', 'refused-by-check'])
  }, 180_000)
})
