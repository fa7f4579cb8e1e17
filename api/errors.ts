/**
 * The one error type of the query API's edge and the one handler that turns it, or anything
 * unexpected, into `{ error: { code, message } }`. A client never sees a stack.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ApiErrorBody, ApiErrorCode } from '../core/index.ts'
import type { Log } from '../telemetry/index.ts'

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
}

/** An expected failure of a request, with a message meant for the caller. */
export class ApiError extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
  }

  /** The HTTP status this error answers with. */
  get status(): ContentfulStatusCode {
    return STATUS[this.code]
  }
}

/** Hono's onError: ApiErrors as they are, anything else as an opaque 500 reported to `log`. */
export function errorHandler(log: Pick<Log, 'error'>) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) {
      const body: ApiErrorBody = { error: { code: error.code, message: error.message } }
      if (error.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="throughline"')
      return c.json(body, error.status)
    }
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'unexpected error')
    const body: ApiErrorBody = { error: { code: 'internal', message: 'internal error; the server log has the details' } }
    return c.json(body, 500)
  }
}
