/**
 * The warehouse management system: reserves stock, ships parcels from the distribution centres,
 * and receives and inspects returned parcels.
 */
import { BusinessKey, RetailAttribute, RetailContext, stage, withBusinessKeys } from '@throughline/sdk'
import type { JourneyRef } from '../protocol.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { CreditNoteRequest, ExpectedReturn, FulfilmentRequest, ReservationRequest } from './messages.ts'
import { orderKeys } from './retail-attributes.ts'

/** Picking, packing and handing a parcel to the carrier, at rate 1. */
const DISPATCH_MS = { min: 5_000, max: 20_000 } as const
/** A return parcel in transit to the distribution centre. */
const RETURN_TRANSIT_MS = { min: 8_000, max: 25_000 } as const
/** A returned article waiting for quality inspection. */
const INSPECTION_MS = { min: 4_000, max: 12_000 } as const

const CARRIERS = ['DHL', 'DPD', 'GLS', 'UPS']

/** The WMS (`wms`). */
export function warehouseManagement(runtime: SystemRuntime): SystemBehaviour {
  const { random } = runtime

  const dispatch = ({ order, locationId }: FulfilmentRequest): Promise<void> => {
    const shipmentId = `SHP-${random.int(1_000_000, 9_999_999)}`
    return withBusinessKeys({ ...orderKeys(order), [BusinessKey.shipment]: shipmentId }, () =>
      operation('wms.dispatch_parcel', async () => {
        await runtime.work(30, 120)
        stage('order.shipped', { [RetailContext.location]: locationId, 'retail.carrier': random.pick(CARRIERS) })
        await runtime.call('oms', '/orders/fulfilled', { orderId: order.orderId, shipmentId })
      }),
    )
  }

  const inspect = ({ return: request, locationId }: ExpectedReturn, journey: JourneyRef): Promise<void> =>
    withBusinessKeys({ [BusinessKey.return]: request.returnId, [BusinessKey.sku]: request.sku }, () =>
      operation('wms.inspect_return', async () => {
        const resellable = random.chance(0.8)
        await runtime.work(50, 200)
        stage('return.inspected', {
          [RetailContext.location]: locationId,
          'retail.return.resellable': resellable,
          [RetailAttribute.inventoryDelta]: resellable ? request.quantity : 0,
        })
        const credit: CreditNoteRequest = {
          returnId: request.returnId,
          sku: request.sku,
          quantity: request.quantity,
          amount: request.amount,
          currency: request.currency,
          resellable,
        }
        await runtime.call('erp', '/credit-notes', credit)
        runtime.report(journey, 'complete')
      }),
    )

  const receive = (expected: ExpectedReturn, journey: JourneyRef): Promise<void> =>
    // The parcel's label names the return and the article, nothing else.
    withBusinessKeys({ [BusinessKey.return]: expected.return.returnId, [BusinessKey.sku]: expected.return.sku }, () =>
      operation('wms.receive_return', async () => {
        await runtime.work(30, 120)
        stage('return.received', { [RetailContext.location]: expected.locationId })
        await runtime.call('oms', '/returns/received', { returnId: expected.return.returnId })
        runtime.later(random.between(INSPECTION_MS.min, INSPECTION_MS.max), journey, () => inspect(expected, journey))
      }),
    )

  return {
    routes: {
      '/fulfilments': (body) => {
        const request = body as FulfilmentRequest
        const journey = { type: 'order', key: request.order.orderId } as const
        runtime.later(random.between(DISPATCH_MS.min, DISPATCH_MS.max), journey, () => dispatch(request))
        return Promise.resolve({ scheduled: true })
      },
      '/returns/expected': (body) => {
        const expected = body as ExpectedReturn
        const journey = { type: 'return', key: expected.return.returnId } as const
        runtime.later(random.between(RETURN_TRANSIT_MS.min, RETURN_TRANSIT_MS.max), journey, () => receive(expected, journey))
        return Promise.resolve({ expected: true })
      },
    },
    topics: {
      'inventory-reservations': async (payload) => {
        const { order, locationId } = payload as ReservationRequest
        await runtime.work(20, 90)
        stage('order.inventory_reserved', {
          [BusinessKey.sku]: order.sku,
          [RetailContext.location]: locationId,
          [RetailAttribute.inventoryDelta]: -order.quantity,
        })
        await runtime.call('oms', '/orders/reserved', { orderId: order.orderId })
      },
    },
  }
}
