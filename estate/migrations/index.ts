/** The migrations of the tables the estate folder owns: the stock readings index. */
import type { Migration } from '../../storage/index.ts'
import { inventoryReadings } from './0008-inventory-readings.ts'

/** The estate folder's migrations. */
export const ESTATE_MIGRATIONS: readonly Migration[] = [inventoryReadings]
