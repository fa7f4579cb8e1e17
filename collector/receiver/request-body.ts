/**
 * Reads a request body within a byte limit while it streams, then undoes its content encoding
 * within the same limit, so neither a huge upload nor a gzip bomb can grow memory past it.
 */
import { promisify } from 'node:util'
import { gunzip, inflate, inflateRaw } from 'node:zlib'
import { err, ok, type Result } from '../../core/index.ts'

const gunzipAsync = promisify(gunzip)
const inflateAsync = promisify(inflate)
const inflateRawAsync = promisify(inflateRaw)

/** Why a body cannot be read. */
export type BodyProblem =
  | { readonly kind: 'too_large'; readonly limit: number }
  | { readonly kind: 'corrupt'; readonly message: string }
  | { readonly kind: 'unsupported_encoding'; readonly encoding: string }

/** A body's bytes, or why not. */
export type BodyResult = Result<Uint8Array, BodyProblem>

/** Reads a stream to its end, stopping as soon as it passes `limit` bytes. */
export async function readLimited(body: ReadableStream<Uint8Array> | null, limit: number): Promise<BodyResult> {
  if (!body) return ok(new Uint8Array(0))
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel('request body over the size limit')
      return err({ kind: 'too_large', limit })
    }
    chunks.push(value)
  }
  return ok(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
}

function isOutputLimit(error: unknown): boolean {
  return error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
}

/** Undoes `Content-Encoding` (identity, gzip, deflate) with the output capped at `limit` bytes. */
export async function decodeContent(bytes: Uint8Array, encoding: string | undefined, limit: number): Promise<BodyResult> {
  const name = (encoding ?? 'identity').trim().toLowerCase()
  if (name === '' || name === 'identity') return ok(bytes)
  if (name !== 'gzip' && name !== 'x-gzip' && name !== 'deflate') return err({ kind: 'unsupported_encoding', encoding: name })
  const options = { maxOutputLength: limit }
  try {
    if (name === 'deflate') {
      // RFC 9110's deflate is zlib-wrapped; some clients send the raw stream, so accept both.
      return ok(
        await inflateAsync(bytes, options).catch((error: Error) => {
          if (isOutputLimit(error)) throw error
          return inflateRawAsync(bytes, options)
        }),
      )
    }
    return ok(await gunzipAsync(bytes, options))
  } catch (error) {
    if (isOutputLimit(error)) return err({ kind: 'too_large', limit })
    return err({
      kind: 'corrupt',
      message: `cannot decompress the ${name} body: ${error instanceof Error ? error.message : String(error)}`,
    })
  }
}
