/**
 * The one error type of the query API's edge and the one handler that turns it, or anything
 * unexpected, into `{ error: { code, message } }`. A client never sees a stack.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
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
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The HTTP status this error answers with. */
  get status(): ContentfulStatusCode {
    return STATUS[this.code]
  }
}

/** What the libraries at the edge refuse with HTTPException (a body that is not JSON, a media type a route does not take), as an ApiError. */
function fromLibrary(error: HTTPException): ApiError | undefined {
  if (error.status === 415) return new ApiError('unsupported_media_type', 'send the body as JSON, with content-type: application/json')
  if (error.status === 400 && /JSON/.test(error.message))
    return new ApiError('bad_request', 'the body is not JSON; send a JSON object as GET /api/openapi.json describes')
  const code = (Object.keys(STATUS) as ApiErrorCode[]).find((candidate) => STATUS[candidate] === error.status)
  return code && code !== 'internal' ? new ApiError(code, error.message) : undefined
}

/** What a request whose client went away is answered with, for the access log: nginx's "client closed request". */
export const CLIENT_GONE_STATUS = 499

/**
 * Hono's onError: ApiErrors as they are, anything else as an opaque 500 reported to `log`. A
 * failure after the client went away (its reads abandoned in the queue or cancelled) is no fault
 * of the server's: it is answered 499, which no one reads, and not reported as an error.
 */
export function errorHandler(log: Pick<Log, 'error'>) {
  return (error: Error, c: Context): Response => {
    if (c.req.raw.signal.aborted) return new Response(null, { status: CLIENT_GONE_STATUS })
    const expected = error instanceof HTTPException ? (fromLibrary(error) ?? error) : error
    if (expected instanceof ApiError) {
      const body: ApiErrorBody = { error: { code: expected.code, message: expected.message } }
      if (expected.code === 'unauthorized') c.header('WWW-Authenticate', 'Bearer realm="throughline"')
      return c.json(body, expected.status)
    }
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'unexpected error')
    const body: ApiErrorBody = { error: { code: 'internal', message: 'internal error; the server log has the details' } }
    return c.json(body, 500)
  }
}
