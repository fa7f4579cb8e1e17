import http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Bodies larger than this are refused: every message of the estate is a few hundred bytes. */
const MAX_BODY_BYTES = 256 * 1024

/** A peer refused or failed a call; its own span says why. */
class PeerFailure extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`POST ${url} answered ${status}: ${detail}`)
    this.name = 'PeerFailure'
  }
}

/** Reads a request's JSON body. */
export function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        request.destroy()
        reject(new Error(`body over ${MAX_BODY_BYTES} bytes`))
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      try {
        resolve(size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
    request.on('error', reject)
  })
}

/** Answers with a JSON body. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {})
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  response.end(text)
}

/**
 * POSTs JSON to a peer and returns its JSON answer. Goes through `http.request` looked up at call
 * time, so the SDK's HTTP instrumentation traces the call and carries context and baggage.
 */
export function postJson(url: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          const status = response.statusCode ?? 0
          if (status >= 400) reject(new PeerFailure(url, status, raw.slice(0, 200)))
          else {
            try {
              resolve(raw === '' ? {} : JSON.parse(raw))
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)))
            }
          }
        })
      },
    )
    request.on('error', reject)
    request.end(text)
  })
}
