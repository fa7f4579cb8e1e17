import { describe, expect, it } from 'vitest'
import { refundTotals } from './refunds.ts'

describe('refund totals', () => {
  it('sum the states over currencies, and name the money refunded without a credit per currency', () => {
    expect(
      refundTotals({
        refunded: 'return.refunded',
        credited: 'return.erp_credited',
        states: [
          { state: 'awaiting_refund', currency: '', count: 4, amount: 0 },
          { state: 'credited', currency: 'EUR', count: 7, amount: 140 },
          { state: 'pending_credit', currency: 'EUR', count: 2, amount: 52.5 },
          { state: 'pending_credit', currency: 'GBP', count: 1, amount: 1200 },
        ],
        pendingByAge: [],
        oldestPending: [],
      }),
    ).toEqual({ awaitingRefund: 4, refundedNotPosted: 3, posted: 7, notPostedAmounts: ['52.50 EUR', '1,200.00 GBP'] })
  })
})
