import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from './migrations.ts'
import { createTable, sql, type SchemaTarget } from '../storage/index.ts'

const single: SchemaTarget = { database: 'throughline', retentionDays: 30 }
const cluster: SchemaTarget = { ...single, cluster: { name: 'retail', replicated: true, onCluster: true } }
const shardsOnly: SchemaTarget = { ...single, cluster: { name: 'retail', replicated: false, onCluster: true } }
const embeddedCluster: SchemaTarget = { ...single, cluster: { name: 'local', replicated: false, onCluster: false } }
const ddl = (target: SchemaTarget): string[] =>
  MIGRATIONS.flatMap((migration) => migration.statements(target)).map((statement) => statement.text)

describe('schema DDL', () => {
  it('creates plain MergeTree tables on one engine', () => {
    const statements = ddl(single)
    expect(
      statements.some(
        (text) => text.includes('CREATE TABLE IF NOT EXISTS throughline.spans (') && text.includes('ENGINE = ReplacingMergeTree'),
      ),
    ).toBe(true)
    expect(statements.join('\n')).not.toMatch(/ON CLUSTER|Replicated|Distributed|_local/)
  })

  it('creates Replicated tables ON CLUSTER behind Distributed ones, with views over the local tables', () => {
    const statements = ddl(cluster)
    const spans = statements.filter((text) => text.includes('throughline.spans'))
    expect(spans[0]).toContain('CREATE TABLE IF NOT EXISTS throughline.spans_local ON CLUSTER retail')
    expect(spans[0]).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/spans_local', '{replica}')")
    expect(spans[1]).toContain('ENGINE = Distributed(retail, throughline, spans_local, cityHash64(Tenant, TraceId))')
    const view = statements.find((text) => text.includes('MATERIALIZED VIEW IF NOT EXISTS throughline.journey_touches_mv'))
    expect(view).toContain('TO throughline.journey_touches_local')
    expect(view).toContain('FROM throughline.journey_stages_local')
  })

  it('passes a ReplacingMergeTree version column to the engine on either target', () => {
    const spec = {
      name: 'journey_summaries',
      columns: sql`Version UInt64`,
      engine: 'ReplacingMergeTree',
      versionColumn: 'Version',
      orderBy: sql`Version`,
      shardKey: sql`rand()`,
    } as const
    expect(createTable(single, spec)[0]!.text).toContain('ENGINE = ReplacingMergeTree(Version)')
    expect(createTable(cluster, spec)[0]!.text).toContain(
      "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/journey_summaries_local', '{replica}', Version)",
    )
  })

  it('creates the one link view over the local spans before it drops the two it replaces, on every node', () => {
    const statements = ddl(cluster)
    const created = statements.findIndex((text) =>
      text.startsWith('CREATE MATERIALIZED VIEW IF NOT EXISTS throughline.span_links_mv ON CLUSTER retail TO throughline.span_links_local'),
    )
    const dropped = ['span_links_out_mv', 'span_links_in_mv'].map((name) =>
      statements.indexOf(`DROP VIEW IF EXISTS throughline.${name} ON CLUSTER retail SYNC`),
    )
    expect(created).toBeGreaterThan(-1)
    expect(dropped.every((at) => at > created)).toBe(true)
    expect(statements[created]).toContain('FROM throughline.spans_local')
  })

  it('adds columns to the local tables and to the Distributed one that reads them', () => {
    const alters = ddl(cluster).filter((text) => text.startsWith('ALTER TABLE'))
    expect(alters[0]).toMatch(
      /^ALTER TABLE throughline\.spans_local ON CLUSTER retail ADD COLUMN IF NOT EXISTS RetailStore String MATERIALIZED/,
    )
    expect(alters[1]).toMatch(/^ALTER TABLE throughline\.spans ON CLUSTER retail ADD COLUMN IF NOT EXISTS RetailStore/)
    // On one server, one ALTER per migration that adds columns: the spans' store, and the summaries' amount.
    expect(ddl(single).filter((text) => text.includes('ADD COLUMN'))).toEqual([
      expect.stringMatching(/^ALTER TABLE throughline\.spans ADD COLUMN IF NOT EXISTS RetailStore/),
      expect.stringMatching(
        /^ALTER TABLE throughline\.journey_summaries ADD COLUMN IF NOT EXISTS Amount Float64 DEFAULT 0, ADD COLUMN IF NOT EXISTS Currency/,
      ),
    ])
    expect(alters.filter((text) => text.includes('journey_summaries'))).toEqual([
      expect.stringMatching(/^ALTER TABLE throughline\.journey_summaries_local ON CLUSTER retail ADD COLUMN IF NOT EXISTS Amount/),
      expect.stringMatching(/^ALTER TABLE throughline\.journey_summaries ON CLUSTER retail ADD COLUMN IF NOT EXISTS Amount/),
    ])
  })

  it("keeps the tokens of the spool's last 10,000 batches, in Keeper on a replicated cluster", () => {
    const spans = (target: typeof single) =>
      ddl(target).find((text) => /^CREATE TABLE IF NOT EXISTS throughline\.spans(_local)? /.test(text))
    expect(spans(single)).toContain('non_replicated_deduplication_window = 10000')
    expect(spans(shardsOnly)).toContain('non_replicated_deduplication_window = 10000')
    expect(spans(cluster)).toContain('replicated_deduplication_window = 10000')
    expect(spans(cluster)).not.toContain('non_replicated_deduplication_window')
  })

  it('has a single node fsync the parts it writes, and leaves a cluster to its replicas', () => {
    const durable = (target: typeof single) =>
      ddl(target).filter((text) => text.includes('fsync_after_insert = 1, fsync_part_directory = 1'))
    const creates = (target: typeof single) =>
      ddl(target).filter((text) => text.startsWith('CREATE TABLE') && !text.includes('Distributed('))
    // Tables created since carry the settings from the start; migration 14 set them on the tables before it.
    expect(
      creates(single).every((text) => text.includes('SETTINGS') && text.includes('fsync_after_insert = 1, fsync_part_directory = 1')),
    ).toBe(true)
    expect(creates(shardsOnly).every((text) => text.includes('fsync_after_insert = 1'))).toBe(true)
    expect(durable(single)).toContain('ALTER TABLE throughline.spans MODIFY SETTING fsync_after_insert = 1, fsync_part_directory = 1')
    expect(durable(cluster)).toEqual([])
    expect(durable(shardsOnly)).toContain(
      'ALTER TABLE throughline.spans_local ON CLUSTER retail MODIFY SETTING fsync_after_insert = 1, fsync_part_directory = 1',
    )
  })

  it('creates plain MergeTree shards behind Distributed tables on a cluster without replication, ON CLUSTER only where a DDL queue exists', () => {
    const spans = ddl(shardsOnly).filter((text) => text.includes('throughline.spans'))
    expect(spans[0]).toMatch(/^CREATE TABLE IF NOT EXISTS throughline\.spans_local ON CLUSTER retail \(.*\) ENGINE = ReplacingMergeTree /s)
    expect(spans[1]).toContain('ENGINE = Distributed(retail, throughline, spans_local, cityHash64(Tenant, TraceId))')
    const embedded = ddl(embeddedCluster)
    expect(embedded.join('\n')).not.toMatch(/ON CLUSTER|Replicated/)
    expect(embedded.find((text) => text.includes('throughline.spans ') && text.includes('Distributed'))).toContain(
      'Distributed(local, throughline, spans_local',
    )
  })

  it('keeps a queue table for days, not the retention', () => {
    const touches = ddl(single).find((text) => text.includes('TABLE IF NOT EXISTS throughline.journey_touches ('))
    expect(touches).toContain('TTL toDateTime(Touched) + toIntervalDay(2)')
    const spans = ddl(single).find((text) => text.includes('TABLE IF NOT EXISTS throughline.spans ('))
    expect(spans).toContain('+ toIntervalDay(30)')
  })
})
