/**
 * Each rule's value round by round: per tenant and rule, the worst group's value and how many
 * groups breached, so the alerts page draws a rule's last hours against its threshold. A week is kept.
 */
import { sql, createTable } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Creates the rule-values table. */
export const alertRuleValues: Migration = {
  version: 22,
  name: 'alert-rule-values',
  statements: (target) =>
    createTable(target, {
      name: 'alert_rule_values',
      columns: sql`Tenant LowCardinality(String), Rule LowCardinality(String), At DateTime64(3), Value Float64, Breaching UInt32`,
      engine: 'MergeTree',
      partitionBy: sql`toDate(At)`,
      orderBy: sql`(Tenant, Rule, At)`,
      ttlColumn: sql`toDateTime(At)`,
      ttlDays: 7,
      shardKey: sql`cityHash64(Tenant)`,
      settings: sql`ttl_only_drop_parts = 1`,
    }),
}
