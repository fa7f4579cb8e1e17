/**
 * Expected failures as values, one shape for all of them (as opentelemetry-js's ExportResult):
 * a request body that cannot be decoded, a spool that is full, a silence that cannot be set. An
 * exception is a bug; what a caller must handle comes back as a Result.
 */

/** What worked, or why not. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

/** A success. */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

/** A failure. */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error }
}
