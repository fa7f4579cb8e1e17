/** The migrations storage owns itself: those that concern every table. */
import { durableParts } from './0014-durable-parts.ts'
import type { Migration } from '../migration.ts'

/** Storage's migrations. */
export const STORAGE_MIGRATIONS: readonly Migration[] = [durableParts]
