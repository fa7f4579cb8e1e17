/**
 * Refunds as finance sees them: a return is refunded to the customer, then credited in the ERP.
 * A return past its refund and not yet credited is a refund the books do not show yet. The stages
 * are those that play the `refunded` and `erp_credited` roles (`return.refunded`,
 * `return.erp_credited` by default).
 */
import type { JourneySummary, JourneyTypeView } from '../../core/index.ts'
import { stageAndLater, stageWithRole } from '../journeys/stageRoles.ts'

/** Where refunds are in the journey types that have both a refund and its ERP credit. */
export interface RefundStages {
  /** The journey types with refunds. */
  readonly types: ReadonlySet<string>
  /** From the refund up to the credit: the customer has the money, the ERP has no credit note yet. */
  readonly notPosted: readonly string[]
  /** The credit and every stage after it. */
  readonly posted: readonly string[]
}

/** Returns counted by where they are in the refund's posting. */
export interface RefundCounts {
  /** Not refunded yet. */
  readonly awaitingRefund: number
  readonly refundedNotPosted: number
  readonly posted: number
  /** Refunded and not posted, the longest waiting first. */
  readonly pending: readonly JourneySummary[]
}

/** The refund stages of the journey types in force, found by their roles. */
export function refundStages(types: readonly JourneyTypeView[]): RefundStages {
  const withRefunds: string[] = []
  const notPosted: string[] = []
  const posted: string[] = []
  for (const type of types) {
    const refunded = stageWithRole(type, 'refunded')
    const credited = stageWithRole(type, 'erp_credited')
    if (refunded === undefined || credited === undefined) continue
    const afterCredit = stageAndLater(type, credited)
    withRefunds.push(type.type)
    notPosted.push(...stageAndLater(type, refunded).filter((stage) => !afterCredit.includes(stage)))
    posted.push(...afterCredit)
  }
  return { types: new Set(withRefunds), notPosted, posted }
}

/** Counts a page of return journeys by the refund's posting. */
export function refundCounts(returns: readonly JourneySummary[], stages: RefundStages): RefundCounts {
  const withRefunds = returns.filter((r) => stages.types.has(r.type))
  const pending = withRefunds.filter((r) => stages.notPosted.includes(r.currentStage))
  const posted = withRefunds.filter((r) => stages.posted.includes(r.currentStage)).length
  return {
    awaitingRefund: withRefunds.length - pending.length - posted,
    refundedNotPosted: pending.length,
    posted,
    pending: [...pending].sort((a, b) => b.ageMs - a.ageMs),
  }
}
