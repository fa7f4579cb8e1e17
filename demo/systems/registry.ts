import type { EstateSystem } from '../catalogue.ts'
import type { SystemFactory } from '../runtime/system-runtime.ts'
import { erpGateway } from './erp-gateway.ts'
import { merchandising } from './merchandising.ts'
import { orderManagement } from './order-management.ts'
import { paymentService } from './payment-service.ts'
import { storePos } from './store-pos.ts'
import { storefront } from './storefront.ts'
import { taxEngine } from './tax-engine.ts'
import { warehouseManagement } from './warehouse-management.ts'

/** How to build each system of the estate. */
export const SYSTEM_FACTORIES: Readonly<Record<EstateSystem, SystemFactory>> = {
  ecommerce: storefront,
  pos: storePos,
  oms: orderManagement,
  wms: warehouseManagement,
  erp: erpGateway,
  payment: paymentService,
  merchandising,
  tax: taxEngine,
}
