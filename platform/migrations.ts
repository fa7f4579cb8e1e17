/** Every folder's migrations, in the order of their numbers: what `migrate` applies on start. */
import { inVersionOrder, STORAGE_MIGRATIONS, type Migration } from '../storage/index.ts'
import { SPAN_MIGRATIONS } from '../spans/index.ts'
import { JOURNEY_MIGRATIONS } from '../journeys/index.ts'
import { ESTATE_MIGRATIONS } from '../estate/index.ts'
import { ALERT_MIGRATIONS } from '../alerts/index.ts'
import { LOG_MIGRATIONS } from '../logs/index.ts'

/** The platform's migrations. */
export const MIGRATIONS: readonly Migration[] = inVersionOrder([
  ...STORAGE_MIGRATIONS,
  ...SPAN_MIGRATIONS,
  ...LOG_MIGRATIONS,
  ...JOURNEY_MIGRATIONS,
  ...ESTATE_MIGRATIONS,
  ...ALERT_MIGRATIONS,
])
