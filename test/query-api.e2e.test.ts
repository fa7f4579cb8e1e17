/**
 * The query API as an outside tool meets it, through the platform started as `npm start` starts
 * it: a document that describes every route's answer by a named schema, one error shape whose
 * message names the bad parameter, and a 404 of the API's own for a route it does not have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlatformProcess, type PlatformProcess } from './fixtures/platform-process.ts'

interface MediaType {
  readonly schema?: { readonly $ref?: string; readonly properties?: Record<string, { readonly $ref?: string }> }
}
interface Operation {
  readonly responses: Record<string, { readonly content?: Record<string, MediaType> }>
  readonly parameters?: readonly { readonly name: string }[]
}
interface OpenApiDocument {
  readonly openapi: string
  readonly paths: Record<string, Record<string, Operation>>
  readonly components: { readonly schemas: Record<string, unknown> }
}

const REF = /^#\/components\/schemas\/(\w+)$/

let platform: PlatformProcess

beforeAll(async () => {
  platform = await startPlatformProcess(['--no-demo'])
})

afterAll(async () => {
  expect(await platform.stop()).toBe(0)
})

async function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${platform.url}${path}`, { ...init, headers: { authorization: `Bearer ${platform.apiToken}`, ...init.headers } })
}

/** The component names a JSON schema is made of: itself when it is a reference, or the references of its properties. */
function namedComponents(media: MediaType | undefined): string[] {
  const schema = media?.schema
  if (schema?.$ref !== undefined) return [schema.$ref]
  return Object.values(schema?.properties ?? {}).map((property) => property.$ref ?? 'an unnamed schema')
}

describe('the query API', () => {
  it('describes each of its routes, with each answer and each error as a named schema of the document', async () => {
    const response = await fetch(`${platform.url}/api/openapi.json`)
    expect(response.status).toBe(200)
    const document = (await response.json()) as OpenApiDocument
    expect(document.openapi).toMatch(/^3\.1\./)
    const apiPaths = Object.keys(document.paths).filter((path) => path.startsWith('/api/'))
    expect(apiPaths).toEqual(
      expect.arrayContaining([
        '/api/traces/{traceId}',
        '/api/search',
        '/api/journeys/types',
        '/api/journeys',
        '/api/journeys/{type}/{key}',
        '/api/alerts',
        '/api/ingest/rejections',
      ]),
    )
    for (const path of apiPaths) {
      const operations = Object.entries(document.paths[path]!)
      expect(operations.length, path).toBeGreaterThan(0)
      for (const [method, operation] of operations) {
        const answer = namedComponents(operation.responses['200']?.content?.['application/json'])
        expect(answer.length, `${method} ${path}`).toBeGreaterThan(0)
        for (const ref of answer)
          expect(document.components.schemas, `${method} ${path}: ${ref}`).toHaveProperty(ref.match(REF)?.[1] ?? ref)
        for (const [status, error] of Object.entries(operation.responses).filter(([status]) => status !== '200')) {
          expect(error.content?.['application/json']?.schema?.$ref, `${method} ${path} ${status}`).toBe('#/components/schemas/ApiErrorBody')
        }
      }
    }
  })

  it('answers a bad parameter with a 400 in the one error shape that names the parameter', async () => {
    const cases: readonly (readonly [string, string])[] = [
      ['/api/journeys?limit=0', 'limit'],
      ['/api/journeys?offset=-1', 'offset'],
      ['/api/journeys?status=lost', 'status'],
      ['/api/journeys/stats/latency?type=order&by=weekday', 'by'],
      ['/api/journeys/stats/trends', 'type'],
      ['/api/journeys/parcel/X-1', 'type'],
      ['/api/ingest/rejections?limit=lots', 'limit'],
      ['/api/estate/latency?step=often', 'step'],
      ['/api/traces/not-a-trace-id', 'traceId'],
      ['/api/search?value=WEB-1', 'key'],
      ['/api/alerts?state=burning', 'state'],
    ]
    for (const [path, parameter] of cases) {
      const response = await get(path)
      expect(response.status, path).toBe(400)
      expect(await response.json(), path).toEqual({ error: { code: 'bad_request', message: expect.stringContaining(`${parameter}: `) } })
    }
  })

  it('tells a wrong journey type which types there are, and a search without a key what to send', async () => {
    const types = (await (await get('/api/journeys/types')).json()) as { types: { type: string }[] }
    const unknown = (await (await get('/api/journeys/parcel/X-1')).json()) as { error: { message: string } }
    for (const { type } of types.types) expect(unknown.error.message).toContain(type)
    const keyless = (await (await get('/api/search?value=WEB-1')).json()) as { error: { message: string } }
    expect(keyless.error.message).toContain('key=retail.order.id')
  })

  it("answers a route it does not have with a 404 in the error shape, never with the dashboard's page", async () => {
    // The dashboard's deep links are served its page, so the API's paths are not by accident.
    const page = await fetch(`${platform.url}/journeys/order/X-1`)
    expect(await page.text()).toContain('<div id="root">')
    const missing: readonly (readonly [string, string])[] = [
      ['GET', '/api/nope'],
      ['GET', '/api/journeys/order/X-1/more'],
      ['POST', '/api/search'],
      ['GET', '/api'],
    ]
    for (const [method, path] of missing) {
      const response = await get(path, { method })
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/)
      expect(await response.json(), `${method} ${path}`).toEqual({ error: { code: 'not_found', message: expect.stringContaining(path) } })
    }
  })
})
