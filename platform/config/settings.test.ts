import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadSettings } from './settings.ts'

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'tl-config-'))

describe('settings', () => {
  it("run on the embedded engine on loopback with the contract's defaults when nothing is configured", () => {
    const cwd = dir()
    const settings = loadSettings({}, cwd)
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      otlpPort: 4318,
      otlpGrpcPort: 4317,
      retentionDays: 30,
      demo: true,
      tenants: [],
    })
    expect(settings.storage).toEqual({ kind: 'embedded', dataDir: path.join(cwd, 'data'), database: 'throughline' })
    expect(Object.isFrozen(settings)).toBe(true)
  })

  it('read tenants and key aliases from throughline.yaml', () => {
    const cwd = dir()
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      `
tenants:
  - { name: acme, ingest_keys: ["acme-ingest-key-0001"], api_tokens: ["acme-api-token-00001"] }
  - { name: globex, ingest_keys: ["globex-ingest-key-01"], api_tokens: ["globex-api-token-001"] }
keys:
  aliases: { orderId: retail.order.id }
`,
    )
    const settings = loadSettings({}, cwd)
    expect(settings.tenants.map((t) => t.name)).toEqual(['acme', 'globex'])
    expect(settings.vocabulary.aliases).toEqual({ orderId: 'retail.order.id' })
  })

  it('name every bad field of the file', () => {
    const cwd = dir()
    writeFileSync(path.join(cwd, 'throughline.yaml'), 'tenants:\n  - { name: Acme!, ingest_keys: [short], api_tokens: [] }\ntenantz: 1\n')
    expect(() => loadSettings({}, cwd)).toThrow(ConfigError)
    try {
      loadSettings({}, cwd)
    } catch (error) {
      const message = (error as Error).message
      expect(message).toContain('tenants.0.name')
      expect(message).toContain('tenants.0.ingest_keys.0: must be at least 16 characters')
      expect(message).toContain('tenants.0.api_tokens: needs at least one token')
      expect(message).toMatch(/tenantz/)
    }
  })

  it('run the default journeys without a file, and adjust and extend them from journeys: in the file', () => {
    expect(loadSettings({}, dir()).journeys.map((j) => j.type)).toEqual(['order', 'return', 'settlement', 'promotion', 'sale'])
    const cwd = dir()
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      `
keys:
  extra: [retail.transfer.id]
journeys:
  - type: order
    stages:
      - { name: order.erp_created, sla: 45m, match: [{ service: legacy-erp, span: SO.Create }] }
  - type: transfer
    root_key: retail.transfer.id
    stages: [{ name: transfer.requested }, { name: transfer.received, sla: 3d, per_store: true }]
`,
    )
    const journeys = loadSettings({}, cwd).journeys
    expect(journeys.find((j) => j.type === 'order')!.stages[3]).toMatchObject({
      name: 'order.erp_created',
      slaMs: 45 * 60_000,
      match: [{ service: 'legacy-erp', span: 'SO.Create' }],
    })
    expect(journeys.at(-1)).toMatchObject({
      type: 'transfer',
      rootKey: 'retail.transfer.id',
      stages: [{ name: 'transfer.requested' }, { name: 'transfer.received', perStore: true }],
    })
  })

  it('name the bad field of a journey', () => {
    const cwd = dir()
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      'journeys:\n  - { type: order, stages: [{ name: order.packed, after: [order.nowhere], sla: 1h }] }\n  - { type: parcel, stages: [{ name: parcel.sent, sla: soon }] }\n',
    )
    expect(() => loadSettings({}, cwd)).toThrow(/journeys\.1\.stages\.0\.sla: must be a duration/)
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      'journeys:\n  - { type: order, stages: [{ name: order.packed, after: [order.nowhere], sla: 1h }] }\n',
    )
    expect(() => loadSettings({}, cwd)).toThrow(/journeys\.0\.stages\.0\.after: names order\.nowhere/)
  })

  it('name a bad environment variable', () => {
    expect(() => loadSettings({ THROUGHLINE_PORT: 'eighty' }, dir())).toThrow(/THROUGHLINE_PORT/)
    expect(() => loadSettings({ THROUGHLINE_INGEST_KEY: 'k'.repeat(20) }, dir())).toThrow(/go together/)
    expect(() => loadSettings({ CLICKHOUSE_CLUSTER: 'c1' }, dir())).toThrow(/CLICKHOUSE_URL/)
  })

  it('read the origins whose pages may export from a browser, and name a bad one', () => {
    const settings = loadSettings({ THROUGHLINE_OTLP_CORS_ORIGINS: 'https://shop.example.com/, http://localhost:5173' }, dir())
    expect(settings.otlpCorsOrigins).toEqual(['https://shop.example.com', 'http://localhost:5173'])
    expect(loadSettings({}, dir()).otlpCorsOrigins).toEqual([])
    expect(() => loadSettings({ THROUGHLINE_OTLP_CORS_ORIGINS: 'shop.example.com' }, dir())).toThrow(/THROUGHLINE_OTLP_CORS_ORIGINS/)
  })

  it('take an empty variable for an unset one, as OpenTelemetry does', () => {
    const settings = loadSettings(
      { THROUGHLINE_INGEST_KEY: '', THROUGHLINE_API_TOKEN: '', THROUGHLINE_PORT: '', CLICKHOUSE_URL: '' },
      dir(),
    )
    expect(settings).toMatchObject({ port: 3000, tenants: [], storage: { kind: 'embedded' } })
  })

  it('refuse a secret that is both an ingest key and an API token, naming where', () => {
    expect(() => loadSettings({ THROUGHLINE_INGEST_KEY: 's'.repeat(20), THROUGHLINE_API_TOKEN: 's'.repeat(20) }, dir())).toThrow(
      /api_tokens.0: equals an ingest key/,
    )
    const cwd = dir()
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      `
tenants:
  - { name: acme, ingest_keys: ["acme-ingest-key-0001"], api_tokens: ["acme-api-token-00001"] }
  - { name: globex, ingest_keys: ["globex-ingest-key-01"], api_tokens: ["acme-ingest-key-0001"] }
`,
    )
    expect(() => loadSettings({}, cwd)).toThrow(/tenants.1.api_tokens.0: equals an ingest key/)
  })

  it('set a single tenant from the environment and a server target from CLICKHOUSE_URL', () => {
    const settings = loadSettings(
      {
        THROUGHLINE_INGEST_KEY: 'i'.repeat(20),
        THROUGHLINE_API_TOKEN: 'a'.repeat(20),
        CLICKHOUSE_URL: 'http://ch:8123',
        CLICKHOUSE_CLUSTER: 'retail',
        THROUGHLINE_DEMO: '0',
      },
      dir(),
    )
    expect(settings.tenants).toEqual([{ name: 'default', ingestKeys: ['i'.repeat(20)], apiTokens: ['a'.repeat(20)] }])
    expect(settings.storage).toMatchObject({ kind: 'server', url: 'http://ch:8123', cluster: 'retail', database: 'throughline' })
    expect(settings.demo).toBe(false)
    const shardsOnly = loadSettings(
      { CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_CLUSTER: 'retail', CLICKHOUSE_REPLICATED: 'false' },
      dir(),
    )
    expect(shardsOnly.storage).toMatchObject({ kind: 'server', cluster: 'retail', replicated: false })
  })

  it('run the embedded engine as a cluster only with an engine config that defines it', () => {
    const cwd = dir()
    expect(() => loadSettings({ CLICKHOUSE_CLUSTER: 'local' }, cwd)).toThrow(
      /CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL, or THROUGHLINE_CHDB_CONFIG/,
    )
    expect(() => loadSettings({ CLICKHOUSE_CLUSTER: 'local', THROUGHLINE_CHDB_CONFIG: 'engine.xml' }, cwd)).toThrow(
      /THROUGHLINE_CHDB_CONFIG names .*engine\.xml, which does not exist/,
    )
    expect(() => loadSettings({ CLICKHOUSE_REPLICATED: '1' }, cwd)).toThrow(/CLICKHOUSE_REPLICATED needs CLICKHOUSE_URL/)
    writeFileSync(path.join(cwd, 'engine.xml'), '<clickhouse/>')
    const settings = loadSettings({ CLICKHOUSE_CLUSTER: 'local', THROUGHLINE_CHDB_CONFIG: 'engine.xml' }, cwd)
    expect(settings.storage).toEqual({
      kind: 'embedded',
      dataDir: path.join(cwd, 'data'),
      database: 'throughline',
      engineConfig: path.join(cwd, 'engine.xml'),
      cluster: 'local',
    })
  })
})
