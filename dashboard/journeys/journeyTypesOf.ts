/** Which journeys a searched key roots: the journey types whose stages the key's spans marked. */
import type { SearchResponse } from '../../core/index.ts'
import { JOURNEY_ROOT_KEYS, JOURNEY_TYPES } from './journeyTypes.ts'

/**
 * The default journey types rooted on `key` whose stages appear among the spans found for it
 * (`order.placed` makes an order, `sale.completed` a store sale), in the contract's order. The
 * page then asks only for journeys that exist, instead of every type the key could root.
 */
export function journeyTypesOf(key: string, search: SearchResponse | undefined): string[] {
  if (search === undefined) return []
  const prefixes = new Set(search.spans.map((span) => span.stage.split('.')[0] ?? '').filter((prefix) => prefix !== ''))
  return JOURNEY_TYPES.filter((type) => JOURNEY_ROOT_KEYS[type] === key && prefixes.has(type))
}
