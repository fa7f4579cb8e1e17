/**
 * Each rule's value round by round. After every round the leader writes, per tenant and rule, the
 * worst group's value and how many groups breached; the alerts page draws a rule's last hours of
 * them against its threshold. A rule without any observation for a tenant writes nothing: the
 * chart shows a gap, not a made-up zero.
 */
import type { AlertRuleValuesResponse } from '../core/index.ts'
import { autoStepSeconds } from '../core/index.ts'
import { sql, tableRef, type SchemaTarget, type Warehouse } from '../storage/index.ts'
import { worstGroup } from './alert-view.ts'
import { thresholdOf, type Observation } from './observation.ts'
import type { AlertRule } from './rules.ts'

/** One rule's value for one tenant in one round. */
export interface RuleValueRow {
  readonly Tenant: string
  readonly Rule: string
  readonly At: number
  readonly Value: number
  readonly Breaching: number
}

/** The rows of a round: a rule's worst group and its breaching groups, per tenant it observed. */
export function ruleValueRows(
  rules: readonly AlertRule[],
  observations: ReadonlyMap<string, readonly Observation[]>,
  atMs: number,
): RuleValueRow[] {
  return rules.flatMap((rule) => {
    const observed = observations.get(rule.name) ?? []
    return [...new Set(observed.map((o) => o.tenant))].flatMap((tenant) => {
      const { worst, breaching } = worstGroup(rule, tenant, observed)
      return worst === undefined ? [] : [{ Tenant: tenant, Rule: rule.name, At: atMs, Value: worst.value, Breaching: breaching }]
    })
  })
}

/** Writes a round's rows. */
export async function recordRuleValues(warehouse: Warehouse, target: SchemaTarget, rows: readonly RuleValueRow[]): Promise<void> {
  if (rows.length === 0) return
  // DateTime64(3) takes epoch seconds with the milliseconds as decimals.
  await warehouse.insert(
    tableRef(target, 'alert_rule_values'),
    rows.map((row) => ({ ...row, At: (row.At / 1000).toFixed(3) })),
  )
}

/** A tenant's rules' values over a window, the highest of each bucket (about 60 of them). */
export async function ruleValues(
  warehouse: Warehouse,
  target: SchemaTarget,
  rules: readonly AlertRule[],
  tenant: string,
  window: { readonly fromMs: number; readonly toMs: number },
): Promise<AlertRuleValuesResponse> {
  const stepSeconds = autoStepSeconds(window.toMs - window.fromMs)
  const step = stepSeconds * 1000
  const rows = await warehouse.rows<{ rule: string; at: number | string; value: number; breaching: number | string }>(sql`
    SELECT Rule AS rule, intDiv(toUnixTimestamp64Milli(At), ${step}) * ${step} AS at, max(Value) AS value, max(Breaching) AS breaching
    FROM ${tableRef(target, 'alert_rule_values')}
    WHERE Tenant = ${tenant} AND Rule IN ${rules.map((rule) => rule.name)}
      AND At >= fromUnixTimestamp64Milli(toInt64(${window.fromMs})) AND At <= fromUnixTimestamp64Milli(toInt64(${window.toMs}))
    GROUP BY rule, at
    ORDER BY rule, at`)
  return {
    from: new Date(window.fromMs).toISOString(),
    to: new Date(window.toMs).toISOString(),
    stepSeconds,
    rules: rules.map((rule) => ({
      rule: rule.name,
      threshold: thresholdOf(rule),
      points: rows
        .filter((row) => row.rule === rule.name)
        .map((row) => ({ at: new Date(Number(row.at)).toISOString(), value: Number(row.value), breaching: Number(row.breaching) })),
    })),
  }
}
