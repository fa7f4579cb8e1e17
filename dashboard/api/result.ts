/**
 * What a call to the query API comes back as: a value or a failure, never an exception, so
 * every page has to say what it shows when the API is down, refuses or answers 404.
 */
import type { ApiErrorCode, Result } from '../../core/index.ts'

/** The API's own error codes plus what can go wrong before it answers. */
export type FailureCode = ApiErrorCode | 'network' | 'invalid_response' | 'aborted'

/** A failed call: the HTTP status (0 when there was no answer), a code and a message for people. */
export interface ApiFailure {
  readonly status: number
  readonly code: FailureCode
  readonly message: string
}

/** The outcome of one call to the query API. */
export type ApiResult<T> = Result<T, ApiFailure>

// A Record so the compiler tells us when core adds a code.
const KNOWN_CODES: Readonly<Record<ApiErrorCode, true>> = {
  bad_request: true,
  unauthorized: true,
  not_found: true,
  payload_too_large: true,
  unsupported_media_type: true,
  too_many_requests: true,
  unavailable: true,
  internal: true,
}

/** The code for a status when the body does not name one. */
function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized'
    case 404:
      return 'not_found'
    case 413:
      return 'payload_too_large'
    case 415:
      return 'unsupported_media_type'
    case 429:
      return 'too_many_requests'
    case 502:
    case 503:
    case 504:
      return 'unavailable'
    default:
      return status >= 500 ? 'internal' : 'bad_request'
  }
}

/** The failure an error response describes, read from its `{ error: { code, message } }` body when it has one. */
export function failureFromResponse(status: number, bodyText: string): ApiFailure {
  const fallback: ApiFailure = { status, code: codeForStatus(status), message: `The query API answered HTTP ${status}.` }
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch {
    return fallback
  }
  if (typeof body !== 'object' || body === null || !('error' in body)) return fallback
  const error: unknown = body.error
  if (typeof error !== 'object' || error === null) return fallback
  const code =
    'code' in error && typeof error.code === 'string' && Object.hasOwn(KNOWN_CODES, error.code)
      ? (error.code as ApiErrorCode)
      : fallback.code
  const message = 'message' in error && typeof error.message === 'string' && error.message !== '' ? error.message : fallback.message
  return { status, code, message }
}

/** The failure when the request never got an answer. */
export function networkFailure(cause: unknown): ApiFailure {
  if (cause instanceof DOMException && cause.name === 'AbortError')
    return { status: 0, code: 'aborted', message: 'The request was cancelled.' }
  return { status: 0, code: 'network', message: 'Cannot reach the Throughline API. Is the platform running (npm start)?' }
}
