/** The migrations of the tables the logs folder owns. */
import type { Migration } from '../../storage/index.ts'
import { logsTable } from './0019-logs.ts'

/** The logs folder's migrations. */
export const LOG_MIGRATIONS: readonly Migration[] = [logsTable]
