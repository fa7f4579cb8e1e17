import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate, openWarehouse, sql, tableRef } from '../storage/index.ts'
import { MIGRATIONS } from '../platform/index.ts'
import { TEST_TARGET, testStorage } from './fixtures/topology.ts'

const dataDir = mkdtempSync(path.join(tmpdir(), 'tl-upgrade-alerts-'))
const warehouse = openWarehouse(testStorage(dataDir))
afterAll(async () => {
  await warehouse.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('the upgrade to versioned alert state and summary watermarks', () => {
  it('keeps the alerts and the summary marks an earlier version stored, and drops the old tables', async () => {
    const target = TEST_TARGET
    await migrate(
      warehouse,
      target,
      MIGRATIONS.filter((migration) => migration.version <= 14),
    )
    const body = JSON.stringify({ dedupKey: 'k1', tenant: 'acme', state: 'firing' })
    await warehouse.insert(tableRef(target, 'alert_state'), [
      {
        Tenant: 'acme',
        DedupKey: 'k1',
        Rule: 'r',
        State: 'pending',
        Version: '1',
        Deleted: 0,
        UpdatedAt: '2026-12-01 10:00:00.000',
        Body: '{}',
      },
      {
        Tenant: 'acme',
        DedupKey: 'k1',
        Rule: 'r',
        State: 'firing',
        Version: '2',
        Deleted: 0,
        UpdatedAt: '2026-12-01 10:01:00.000',
        Body: body,
      },
    ])
    await warehouse.command(sql`INSERT INTO ${tableRef(target, 'journey_summary_marks')} VALUES ('order', 42, '2026-12-01 10:00:00.000')`)

    // Every migration after 14 runs, the versioned state's (15 to 18) among them.
    expect(await migrate(warehouse, target, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version).filter((version) => version > 14))
    expect(MIGRATIONS.map((m) => m.version)).toEqual(expect.arrayContaining([15, 16, 17, 18]))
    const alerts = await warehouse.rows<{ body: string }>(
      sql`SELECT argMax(Body, Version) AS body FROM ${tableRef(target, 'alert_states')} GROUP BY Tenant, DedupKey`,
    )
    expect(alerts).toEqual([{ body }])
    const marks = await warehouse.rows<{ JourneyType: string; Definition: string }>(
      sql`SELECT JourneyType, toString(Definition) AS Definition FROM ${tableRef(target, 'journey_summary_watermarks')}`,
    )
    expect(marks).toEqual([{ JourneyType: 'order', Definition: '42' }])
    const tables = await warehouse.rows<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${target.database} AND name IN ('alert_state', 'journey_summary_marks')`,
    )
    expect(tables).toEqual([])
  })
})
