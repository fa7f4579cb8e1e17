/**
 * The tenant a newcomer gets when no keys are configured: one ingest key and one API token,
 * generated on first start and kept in the data directory, so a second `npm start` prints the
 * same login link. Only ever served on loopback.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Tenant } from '../core/index.ts'

const FILE = 'local-tenant.json'

/** The local tenant an earlier start generated in the data directory, if there is one. */
export function savedLocalTenant(dataDir: string): Tenant | undefined {
  const file = path.join(dataDir, FILE)
  if (!existsSync(file)) return undefined
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { ingestKey?: unknown; apiToken?: unknown }
  if (typeof saved.ingestKey !== 'string' || typeof saved.apiToken !== 'string') return undefined
  return { name: 'local', ingestKeys: [saved.ingestKey], apiTokens: [saved.apiToken] }
}

/** The generated local tenant, created on first use. */
export function localTenant(dataDir: string): Tenant {
  const file = path.join(dataDir, FILE)
  const saved = savedLocalTenant(dataDir)
  if (saved) return saved
  mkdirSync(dataDir, { recursive: true })
  const ingestKey = `tl_ingest_${randomBytes(18).toString('base64url')}`
  const apiToken = `tl_api_${randomBytes(18).toString('base64url')}`
  writeFileSync(file, `${JSON.stringify({ ingestKey, apiToken }, null, 2)}\n`, { mode: 0o600 })
  return { name: 'local', ingestKeys: [ingestKey], apiTokens: [apiToken] }
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}
