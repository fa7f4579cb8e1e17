/** The one way the dashboard talks to the query API: GET with the bearer token, answering a result value. */
import { err, ok } from '../../core/index.ts'
import { currentToken, reportUnauthorized } from '../auth/session.ts'
import { bearer } from '../auth/token.ts'
import { failureFromResponse, networkFailure } from './result.ts'
import type { ApiResult } from './result.ts'

/**
 * GETs a query API path and parses its JSON. Never throws: a refusal, an error status, an
 * unreachable server or a body that is not JSON all come back as a failure.
 */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<ApiResult<T>> {
  return request<T>(path, { signal })
}

/**
 * Sends a change to the query API (`POST` or `DELETE`, with a JSON body) and parses its JSON
 * answer. Never throws, as apiGet.
 */
export function apiSend<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  return body === undefined
    ? request<T>(path, { method })
    : request<T>(path, { method, body: JSON.stringify(body), contentType: 'application/json' })
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE'
  readonly body?: string
  readonly contentType?: string
  readonly signal?: AbortSignal
}

async function request<T>(path: string, options: RequestOptions): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = currentToken()
  if (token !== undefined) headers.authorization = bearer(token)
  if (options.contentType !== undefined) headers['content-type'] = options.contentType
  let response: Response
  let text: string
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      signal: options.signal,
      cache: 'no-store',
    })
    text = await response.text()
  } catch (cause) {
    return err(networkFailure(cause))
  }
  if (!response.ok) {
    const failure = failureFromResponse(response.status, text)
    if (failure.code === 'unauthorized') reportUnauthorized()
    return err(failure)
  }
  try {
    // The server and the dashboard share core's types; the API is trusted to answer in them.
    return ok(JSON.parse(text) as T)
  } catch {
    return err({ status: response.status, code: 'invalid_response', message: 'The query API answered with something that is not JSON.' })
  }
}
