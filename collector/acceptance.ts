/**
 * The answer to "take these spans": durable (they survive a crash from now on), or busy with a
 * hint when to ask again, which the receiver turns into 503 and Retry-After. The spool gives it to
 * an append and the receiver's sink to a request.
 */
import { err, ok, type Result } from '../core/index.ts'

/** Why spans cannot be taken now, and when to try again. */
export interface Busy {
  readonly reason: string
  readonly retryAfterSeconds: number
}

/** Durable, or busy. */
export type Acceptance = Result<'durable', Busy>

/** Taken, durably. */
export const DURABLE: Acceptance = ok('durable')

/** Not taken now. */
export function busy(reason: string, retryAfterSeconds: number): Acceptance {
  return err({ reason, retryAfterSeconds })
}
