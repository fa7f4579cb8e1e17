/** The journey types of the default config and the business key each one is rooted on. */
import { BusinessKey } from '../../sdk/conventions.ts'
import type { BusinessKeyName } from '../../sdk/conventions.ts'

/** The root business key of each default journey type (a store sale is keyed by its order id). */
export const JOURNEY_ROOT_KEYS = {
  order: BusinessKey.order,
  return: BusinessKey.return,
  settlement: BusinessKey.settlement,
  promotion: BusinessKey.promotion,
  sale: BusinessKey.order,
} as const satisfies Record<string, BusinessKeyName>

/** A default journey type. */
export type JourneyType = keyof typeof JOURNEY_ROOT_KEYS

/** Every default journey type, in the order the contract lists them. */
export const JOURNEY_TYPES = Object.keys(JOURNEY_ROOT_KEYS) as JourneyType[]

/** The root business key of a journey type named in a URL; undefined for a type we do not know. */
export function rootKeyOf(type: string): BusinessKeyName | undefined {
  return Object.hasOwn(JOURNEY_ROOT_KEYS, type) ? JOURNEY_ROOT_KEYS[type as JourneyType] : undefined
}
