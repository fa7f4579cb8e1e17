/**
 * The journey types in force, as `GET /api/journeys/types` describes them: the defaults as the
 * config file adjusted them and any type it added. The pages know no type of their own.
 */
import type { JourneyTypeView, SearchResponse } from '../../core/index.ts'

/** The root business key of a journey type named in a URL; undefined for a type not in force. */
export function rootKeyOf(types: readonly JourneyTypeView[], type: string): string | undefined {
  return types.find((candidate) => candidate.type === type)?.rootKey
}

/** The journey types rooted on a business key, in the order the API lists them. */
export function typesRootedOn(types: readonly JourneyTypeView[], key: string): string[] {
  return types.filter((type) => type.rootKey === key).map((type) => type.type)
}

/**
 * The journey types rooted on `key` whose stages appear among the spans found for it
 * (`order.placed` makes an order, `sale.completed` a store sale). The page then asks only for
 * journeys that exist, instead of every type the key could root.
 */
export function journeyTypesOf(types: readonly JourneyTypeView[], key: string, search: SearchResponse | undefined): string[] {
  if (search === undefined) return []
  const stages = new Set(search.spans.map((span) => span.stage).filter((stage) => stage !== ''))
  return types.filter((type) => type.rootKey === key && type.stages.some((stage) => stages.has(stage.name))).map((type) => type.type)
}
