/** The JSON object a POST route takes: anything else (not JSON, null, an array, a number) is a 400 that says so. */
import type { Context } from 'hono'
import { ApiError } from './errors.ts'

/** Most bytes a JSON body of the API may have. */
const MAX_JSON_BODY_BYTES = 16 * 1024

/** The request's body as a JSON object. */
export async function jsonObjectBody(c: Context, example: string): Promise<Record<string, unknown>> {
  const declared = Number(c.req.header('content-length') ?? '0')
  if (declared > MAX_JSON_BODY_BYTES) throw new ApiError('payload_too_large', `the body may be ${MAX_JSON_BODY_BYTES} bytes at most`)
  const text = await c.req.text()
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) throw new ApiError('payload_too_large', `the body may be ${MAX_JSON_BODY_BYTES} bytes at most`)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError('bad_request', `the body is not JSON; send an object such as ${example}`)
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('bad_request', `the body must be a JSON object such as ${example}`)
  return body as Record<string, unknown>
}
