/** The migrations of the tables the alerts folder owns: alert state, the delivery outbox and the leader leases. */
import type { Migration } from '../../storage/index.ts'
import { alertTables } from './0006-alerts.ts'
import { alertLeases } from './0010-alert-leases.ts'
import { versionedAlertStates } from './0015-versioned-alert-states.ts'
import { dropAlertState } from './0016-drop-alert-state.ts'

/** The alerts folder's migrations. */
export const ALERT_MIGRATIONS: readonly Migration[] = [alertTables, alertLeases, versionedAlertStates, dropAlertState]
