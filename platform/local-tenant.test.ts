import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isLoopback, localTenant } from './local-tenant.ts'

describe('local tenant', () => {
  it('is generated once and the same on the next start', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-local-'))
    const first = localTenant(dataDir)
    expect(first.ingestKeys[0]).toMatch(/^tl_ingest_/)
    expect(localTenant(dataDir)).toEqual(first)
  })

  it('counts only loopback addresses as loopback', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopback)).toBe(true)
    expect(['0.0.0.0', '::', '10.0.0.5', 'example.internal'].some(isLoopback)).toBe(false)
  })
})
