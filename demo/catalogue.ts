/**
 * The simulated estate's reference data: its systems, stores, distribution centres and
 * assortment. Shared by the traffic generator (parent) and the systems (children).
 */

/** The systems of the demo estate, one process each. */
export const ESTATE_SYSTEMS = ['ecommerce', 'pos', 'oms', 'wms', 'erp', 'payment', 'merchandising', 'tax'] as const

/** One system of the demo estate, as `retail.system` names it. */
export type EstateSystem = (typeof ESTATE_SYSTEMS)[number]

/** The OpenTelemetry service name each system reports under. */
export const SERVICE_NAMES: Readonly<Record<EstateSystem, string>> = {
  ecommerce: 'storefront',
  pos: 'store-pos',
  oms: 'order-management',
  wms: 'warehouse-management',
  // The alert examples in the contract name this service, so the demo triggers them as written.
  erp: 'erp-gateway',
  payment: 'payment-service',
  merchandising: 'merchandising-promotions',
  tax: 'tax-engine',
}

/** A sales region of the estate. */
export type Region = 'north' | 'south' | 'west' | 'east'

/** A store: a POS location and a pick-up point for click and collect. */
export interface Store {
  readonly id: string
  readonly region: Region
}

/** Every store the demo knows; `--demo-stores N` opens the first N. */
const ALL_STORES: readonly Store[] = [
  { id: 'store-003', region: 'north' },
  { id: 'store-012', region: 'south' },
  { id: 'store-021', region: 'west' },
  { id: 'store-007', region: 'north' },
  { id: 'store-018', region: 'south' },
  { id: 'store-027', region: 'west' },
  { id: 'store-031', region: 'east' },
  { id: 'store-044', region: 'east' },
]

/** The fewest and most stores a demo estate may open. */
export const STORE_LIMITS = { min: 2, max: ALL_STORES.length } as const

/** The stores open in an estate of the given size. */
export function openStores(count: number): readonly Store[] {
  return ALL_STORES.slice(0, Math.max(STORE_LIMITS.min, Math.min(count, STORE_LIMITS.max)))
}

/** The distribution centre that ships home deliveries for a region. */
export function distributionCentre(region: Region): string {
  return `dc-${region}`
}

/** An article of the assortment. */
export interface Article {
  readonly sku: string
  readonly name: string
  readonly price: number
}

/** The assortment sold online and in stores. */
export const ASSORTMENT: readonly Article[] = [
  { sku: 'SKU-100482', name: 'Merino crew jumper', price: 59 },
  { sku: 'SKU-100517', name: 'Slim chino', price: 45 },
  { sku: 'SKU-101203', name: 'Oxford shirt', price: 39.5 },
  { sku: 'SKU-102088', name: 'Rain jacket', price: 89 },
  { sku: 'SKU-102311', name: 'Trail running shoe', price: 109 },
  { sku: 'SKU-103046', name: 'Canvas tote', price: 15 },
  { sku: 'SKU-103390', name: 'Wool scarf', price: 25 },
  { sku: 'SKU-104127', name: 'Leather belt', price: 35 },
  { sku: 'SKU-104655', name: 'Cotton socks 3-pack', price: 12.5 },
  { sku: 'SKU-105002', name: 'Down vest', price: 79 },
  { sku: 'SKU-105318', name: 'Linen shirt', price: 49 },
  { sku: 'SKU-106441', name: 'Denim jacket', price: 95 },
]

/** The estate's trading currency. */
export const CURRENCY = 'EUR'

/** Rounds a money amount to cents, as every system would store it. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100
}
