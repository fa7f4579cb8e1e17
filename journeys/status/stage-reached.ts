/**
 * When a stage was reached, as an aggregate over a journey's state rows (`journey_stages`): the
 * one SQL form of the rule in STATUS.md, which the status query and the alert rules both use.
 * Epoch milliseconds, 0 for never.
 */
import { sql, type Sql } from '../../storage/index.ts'
import type { StageDefinition } from '../model/model.ts'

const okMs = sql`coalesce(toUnixTimestamp64Milli(FirstOk), 0)`

/** A stage's first success; for a once-per-store stage, the last of its stores' first successes once every targeted store has one. */
export function stageReachedSql(stage: Pick<StageDefinition, 'name' | 'perStore'>): Sql {
  const name = stage.name
  const first = sql`coalesce(toUnixTimestamp64Milli(minIf(FirstOk, Stage = ${name})), 0)`
  if (!stage.perStore) return sql`toInt64(${first})`
  // Targeted stores: those its spans and the journey's messages toward stores (the rows without a stage) name.
  const expected = sql`uniqExactIf(Store, Store != '' AND (Stage = ${name} OR Stage = ''))`
  const reached = sql`uniqExactIf(Store, Store != '' AND Stage = ${name} AND FirstOk IS NOT NULL)`
  // Each store's first success, then the latest of those; only once-per-store stages pay for the map.
  const lastStore = sql`arrayMax(mapValues(minMapIf(map(Store, ${okMs}), Stage = ${name} AND FirstOk IS NOT NULL AND Store != '')))`
  return sql`toInt64(if(${expected} = 0, ${first}, if(${reached} >= ${expected}, ${lastStore}, 0)))`
}
