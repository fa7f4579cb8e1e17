/**
 * Refunds as finance sees them: a return is refunded to the customer, then credited in the ERP.
 * Between the two the customer has the money and the books do not show it. The API counts them
 * per state and currency; the page sums them.
 */
import type { RefundPostingResponse } from '../../core/index.ts'
import { formatMoney } from './money.ts'

/** Returns counted by where their refund stands, and the money refunded without a credit. */
export interface RefundTotals {
  readonly awaitingRefund: number
  readonly refundedNotPosted: number
  readonly posted: number
  /** The amounts refunded and not credited, one per currency: `52.50 EUR`. */
  readonly notPostedAmounts: readonly string[]
}

/** Totals over the API's states and currencies. */
export function refundTotals(answer: RefundPostingResponse): RefundTotals {
  const count = (state: RefundPostingResponse['states'][number]['state']): number =>
    answer.states.filter((s) => s.state === state).reduce((sum, s) => sum + s.count, 0)
  return {
    awaitingRefund: count('awaiting_refund'),
    refundedNotPosted: count('pending_credit'),
    posted: count('credited'),
    notPostedAmounts: answer.states
      .filter((s) => s.state === 'pending_credit' && s.amount > 0)
      .map((s) => formatMoney(s.amount, s.currency)),
  }
}
