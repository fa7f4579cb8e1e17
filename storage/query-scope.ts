/**
 * The limits and cancellation of the reads one API request makes, carried in async context so
 * every store and query builder underneath honours them without passing them along. A request
 * sets its scope once at the edge; the warehouse reads it on each statement. Work outside a
 * request (the drain, summaries, alerts) runs without limits, and says so explicitly on every
 * statement: the embedded engine keeps a SET for the rest of its session, so a limit left
 * unsaid would carry over from the last API read.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

/** Bounds on one statement. */
export interface QueryLimits {
  /** ClickHouse `max_execution_time`: the statement is stopped past it. */
  readonly maxExecutionSeconds: number
  /** ClickHouse `max_memory_usage`: the statement fails rather than take more. */
  readonly maxMemoryBytes: number
}

/** What the statements of one request run under. */
export interface QueryScope {
  /** Whose request it is: the engine's time is shared fairly between tenants. */
  readonly tenant: string
  readonly limits: QueryLimits
  /** Aborted when the client goes away: a statement not yet started is dropped, a server cancels one that runs. */
  readonly signal?: AbortSignal
}

/** No bounds: background work the platform itself schedules. */
const UNBOUNDED: QueryLimits = Object.freeze({ maxExecutionSeconds: 0, maxMemoryBytes: 0 })

const scopes = new AsyncLocalStorage<QueryScope>()

/** Runs `work` with its statements under `scope`. */
export function withQueryScope<T>(scope: QueryScope, work: () => T): T {
  return scopes.run(scope, work)
}

/** The scope of the statement about to run, if a request set one. */
export function currentQueryScope(): QueryScope | undefined {
  return scopes.getStore()
}

/** The fair queue's lane of a statement: its tenant's, or the platform's own for background work. */
export function laneOf(scope: QueryScope | undefined): string {
  return scope ? `tenant:${scope.tenant}` : 'platform'
}

/** The settings every statement carries: the scope's limits, or none said out loud. */
export function limitSettings(scope: QueryScope | undefined): { max_execution_time: number; max_memory_usage: string } {
  const limits = scope?.limits ?? UNBOUNDED
  return { max_execution_time: limits.maxExecutionSeconds, max_memory_usage: String(limits.maxMemoryBytes) }
}
