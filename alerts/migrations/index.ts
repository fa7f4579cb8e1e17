/** The migrations of the tables the alerts folder owns: alert state, the delivery outbox, the leader leases and the rules' values round by round. */
import type { Migration } from '../../storage/index.ts'
import { alertTables } from './0006-alerts.ts'
import { alertLeases } from './0010-alert-leases.ts'
import { versionedAlertStates } from './0015-versioned-alert-states.ts'
import { dropAlertState } from './0016-drop-alert-state.ts'
import { alertRuleValues } from './0022-alert-rule-values.ts'

/** The alerts folder's migrations. */
export const ALERT_MIGRATIONS: readonly Migration[] = [alertTables, alertLeases, versionedAlertStates, dropAlertState, alertRuleValues]
