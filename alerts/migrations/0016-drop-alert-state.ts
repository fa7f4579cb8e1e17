/** Drops `alert_state`, whose rows migration 15 copied into `alert_states`. */
import { dropTable } from '../../storage/index.ts'
import type { Migration } from '../../storage/index.ts'

/** Drops the unversioned alert state. */
export const dropAlertState: Migration = {
  version: 16,
  name: 'drop-alert-state',
  statements: (target) => dropTable(target, 'alert_state'),
}
