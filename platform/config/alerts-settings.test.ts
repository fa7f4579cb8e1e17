import { mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { AlertsConfig } from '../../alerts/index.ts'
import { DEFAULT_JOURNEYS } from '../../journeys/index.ts'
import { watchAlertRules, type ConfigWatch } from './alerts-watcher.ts'
import { demoAlertRules } from './demo-alerts.ts'
import { loadSettings, type ConfigError } from './settings.ts'
import { capturedLog } from '../../test/fixtures/captured-log.ts'

const dir = (): string => mkdtempSync(path.join(tmpdir(), 'tl-alert-config-'))
const rule = (threshold: string): string =>
  `alerts:\n  interval: 30s\n  rules:\n    - { name: erp-latency, type: latency, service: erp-gateway, threshold_ms: ${threshold} }\n`

describe('alert settings', () => {
  it('carry the validated alerts section, and no rules without one', () => {
    const cwd = dir()
    expect(loadSettings({}, cwd).alerts.rules).toEqual([])
    writeFileSync(path.join(cwd, 'throughline.yaml'), rule('2000'))
    expect(loadSettings({}, cwd).alerts).toMatchObject({
      intervalMs: 30_000,
      rules: [{ name: 'erp-latency', type: 'latency', thresholdMs: 2000 }],
    })
  })

  it('name the rule and field of a bad alert, and a stage no configured journey has', () => {
    const cwd = dir()
    writeFileSync(path.join(cwd, 'throughline.yaml'), rule('fast'))
    expect(() => loadSettings({}, cwd)).toThrow(/alerts\.rules\.0\.threshold_ms: rule 'erp-latency': Invalid input: expected number/)
    writeFileSync(
      path.join(cwd, 'throughline.yaml'),
      'alerts:\n  rules:\n    - { name: sla, type: stage_sla, journey: order, after: order.placed, expect: order.teleported, within: 1h }\n    - { name: t, type: stage_sla, journey: transfer, after: transfer.requested, expect: transfer.received, within: 1d }\n',
    )
    let message = ''
    try {
      loadSettings({}, cwd)
    } catch (error) {
      message = (error as ConfigError).message
    }
    expect(message).toContain("alerts.rules.0.expect: rule 'sla': 'order.teleported' is not a stage of the order journey")
    expect(message).toContain("alerts.rules.1.journey: rule 't': no journey type 'transfer' is configured")
  })

  it("give the demo the example file's rules without channels", () => {
    const demo = demoAlertRules(DEFAULT_JOURNEYS)
    expect(demo.rules.map((r) => r.type).sort()).toEqual([
      'backlog',
      'dead_letter_unreplayed',
      'duplicate',
      'error_rate',
      'inventory_mismatch',
      'latency',
      'queue_delay',
      'settlement_unposted',
      'stage_sla',
      'stage_sla',
    ])
    expect(demo.channels).toEqual([])
    expect(demo.rules.every((r) => r.channels.length === 0)).toBe(true)
  })
})

describe('alert rule reload', () => {
  let watch: ConfigWatch | undefined
  afterEach(() => watch?.close())

  it('applies a valid edit and keeps the rules on an invalid one, logging the field', async () => {
    const file = path.join(dir(), 'throughline.yaml')
    writeFileSync(file, rule('2000'))
    const applied: AlertsConfig[] = []
    const errors: string[] = []
    let wake: () => void = () => {}
    const next = (): Promise<void> =>
      new Promise((resolve) => {
        wake = resolve
      })
    watch = watchAlertRules(
      file,
      DEFAULT_JOURNEYS,
      (config) => {
        applied.push(config)
        wake()
      },
      capturedLog((record) => {
        if (record.level === 'error') {
          errors.push(record.msg)
          wake()
        }
      }).log,
    )

    let event = next()
    writeFileSync(`${file}.tmp`, rule('2500'))
    renameSync(`${file}.tmp`, file)
    await event
    expect(applied.map((c) => (c.rules[0] as { thresholdMs: number }).thresholdMs)).toEqual([2500])

    event = next()
    writeFileSync(file, rule('soon'))
    await event
    expect(applied).toHaveLength(1)
    expect(errors[0]).toMatch(
      /the previous rules stay in force:\ninvalid configuration in .*throughline\.yaml:\n {2}alerts\.rules\.0\.threshold_ms: rule 'erp-latency'/,
    )
  })
})
