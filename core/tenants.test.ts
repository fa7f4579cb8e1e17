import { describe, expect, it } from 'vitest'
import { tenantDirectory } from './tenants.ts'

describe('tenant directory', () => {
  const directory = tenantDirectory([
    { name: 'acme', ingestKeys: ['acme-ingest-1', 'acme-ingest-2'], apiTokens: ['acme-token'] },
    { name: 'globex', ingestKeys: ['globex-ingest'], apiTokens: ['globex-token'] },
  ])

  it('finds the tenant of each key and token, and nobody for anything else', () => {
    expect(directory.byIngestKey('acme-ingest-2')).toBe('acme')
    expect(directory.byIngestKey('globex-ingest')).toBe('globex')
    expect(directory.byApiToken('globex-token')).toBe('globex')
    expect(directory.byIngestKey('acme-token')).toBeUndefined()
    expect(directory.byApiToken('acme-ingest-1')).toBeUndefined()
    expect(directory.byApiToken('')).toBeUndefined()
  })

  it('refuses a key shared by two tenants', () => {
    expect(() =>
      tenantDirectory([
        { name: 'a', ingestKeys: ['same'], apiTokens: ['ta'] },
        { name: 'b', ingestKeys: ['same'], apiTokens: ['tb'] },
      ]),
    ).toThrow(/share a key/)
  })
})
