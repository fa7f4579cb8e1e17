/**
 * Refunds as finance sees them: a return is refunded to the customer, then credited in the ERP.
 * A return past its refund and not yet credited is a refund the books do not show yet.
 */
import type { JourneySummary } from '../../core/index.ts'

/** Stages after which the customer has the money but the ERP has no credit note yet. */
const REFUNDED_NOT_POSTED = ['return.refunded', 'return.inspected'] as const
/** The stage that posts the refund. */
const REFUND_POSTED = 'return.erp_credited'

/** Returns counted by where they are in the refund's posting. */
export interface RefundCounts {
  /** Not refunded yet. */
  readonly awaitingRefund: number
  readonly refundedNotPosted: number
  readonly posted: number
  /** Refunded and not posted, the longest waiting first. */
  readonly pending: readonly JourneySummary[]
}

/** Counts a page of return journeys by the refund's posting. */
export function refundCounts(returns: readonly JourneySummary[]): RefundCounts {
  const pending = returns.filter((r) => r.type === 'return' && (REFUNDED_NOT_POSTED as readonly string[]).includes(r.currentStage))
  const posted = returns.filter((r) => r.type === 'return' && r.currentStage === REFUND_POSTED).length
  return {
    awaitingRefund: returns.filter((r) => r.type === 'return').length - pending.length - posted,
    refundedNotPosted: pending.length,
    posted,
    pending: [...pending].sort((a, b) => b.ageMs - a.ageMs),
  }
}
