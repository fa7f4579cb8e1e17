/**
 * The payment service: authorizes and captures order payments and till card payments, refunds
 * returns, and batches captures into settlements for the ERP.
 */
import { BusinessKey, stage, withBusinessKeys } from '@throughline/sdk'
import { cents } from '../catalogue.ts'
import type { SettlementSpec } from '../protocol.ts'
import { operation } from '../runtime/tracing.ts'
import type { SystemBehaviour, SystemRuntime } from '../runtime/system-runtime.ts'
import type { AuthorizationRequest, CaptureRequest, PaymentReference, RefundRequest, SettlementMessage } from './messages.ts'
import { money } from './retail-attributes.ts'

interface Capture {
  readonly paymentId: string
  readonly amount: number
  readonly currency: string
}

/** Captures waiting for a settlement are capped, so a live demo without settlements stays small. */
const MAX_OPEN_CAPTURES = 20_000

/** The payment service (`payment`). */
export function paymentService(runtime: SystemRuntime): SystemBehaviour {
  const openCaptures: Capture[] = []

  const newPaymentId = (): string => `PAY-${runtime.random.int(0x10000000, 0xffffffff).toString(16).toUpperCase()}`

  const cutSettlement = (spec: SettlementSpec): Promise<void> => {
    const journey = { type: 'settlement', key: spec.settlementId } as const
    const share = Math.ceil(openCaptures.length / Math.max(1, spec.batchesLeft))
    const batch = openCaptures.splice(0, share)
    const amount = cents(batch.reduce((sum, capture) => sum + capture.amount, 0))
    return withBusinessKeys({ [BusinessKey.settlement]: spec.settlementId }, () =>
      operation('payment.cut_settlement_batch', async () => {
        // One span per capture carries both keys: that is what ties a settlement to its payments.
        for (const capture of batch) {
          withBusinessKeys({ [BusinessKey.payment]: capture.paymentId }, () =>
            stage('settlement.captured', money(capture.amount, capture.currency)),
          )
        }
        stage('settlement.batched', { ...money(amount, spec.currency), 'retail.settlement.payments': batch.length })
        if (runtime.faults.losesSettlement(runtime.random)) {
          runtime.report(journey, 'stalled', { reason: 'settlement file never reached the ERP' })
          return
        }
        const message: SettlementMessage = { settlementId: spec.settlementId, payments: batch.length, amount, currency: spec.currency }
        await runtime.publish('erp', 'settlements', journey, message)
      }),
    )
  }

  return {
    routes: {
      '/payments/authorize': async (body) => {
        const request = body as AuthorizationRequest
        const paymentId = newPaymentId()
        await withBusinessKeys({ [BusinessKey.payment]: paymentId, [BusinessKey.order]: request.orderId }, () =>
          stage('order.payment_authorized', () => runtime.work(60, 220), money(request.amount, request.currency)),
        )
        return { paymentId } satisfies PaymentReference
      },
      '/payments/capture': async (body) => {
        const request = body as CaptureRequest
        const paymentId = request.paymentId ?? newPaymentId()
        await withBusinessKeys({ [BusinessKey.payment]: paymentId, [BusinessKey.order]: request.orderId }, () =>
          operation('payment.capture', () => runtime.work(40, 150), money(request.amount, request.currency)),
        )
        openCaptures.push({ paymentId, amount: request.amount, currency: request.currency })
        if (openCaptures.length > MAX_OPEN_CAPTURES) openCaptures.shift()
        return { paymentId } satisfies PaymentReference
      },
      '/refunds': async (body) => {
        const request = body as RefundRequest
        await withBusinessKeys({ [BusinessKey.return]: request.returnId, [BusinessKey.payment]: request.paymentId }, () =>
          stage('return.refunded', () => runtime.work(80, 300), money(request.amount, request.currency)),
        )
        return { refunded: true }
      },
    },
    topics: {},
    drive: async (command) => {
      if (command.journey === 'settlement') await cutSettlement(command.settlement)
    },
  }
}
