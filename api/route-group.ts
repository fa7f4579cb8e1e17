/**
 * What a feature declares its routes with: an OpenAPIHono app whose parameters and bodies are
 * checked by the routes' own schemas, and the responses every route shares. A request that
 * fails a schema is answered here, once for every route: a 400 in the one error shape whose
 * message names each bad field, as the config file's errors do.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { OpenAPIHonoOptions } from '@hono/zod-openapi'
import type { z } from 'zod'
import { apiErrorBodySchema } from '../core/api-schemas.ts'
import type { ApiVariables } from './auth.ts'
import { ApiError } from './errors.ts'

/** A feature's authenticated routes, mounted at `/api<path>`; the OpenAPI document is generated from them. */
export interface ApiRouteGroup {
  readonly path: string
  readonly app: OpenAPIHono<{ Variables: ApiVariables }>
}

/** `field: what it takes` for each issue; an issue of the whole query or body is its message alone. */
export function issuesMessage(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ')
}

/** The one answer to a request that fails its route's schemas. */
export const badRequestHook: NonNullable<OpenAPIHonoOptions<{ Variables: ApiVariables }>['defaultHook']> = (result) => {
  if (!result.success) throw new ApiError('bad_request', issuesMessage(result.error.issues))
}

/** The app a feature declares its routes on. */
export function routeGroupApp(): OpenAPIHono<{ Variables: ApiVariables }> {
  return new OpenAPIHono<{ Variables: ApiVariables }>({ defaultHook: badRequestHook })
}

/** A JSON response of a route, with its schema. */
export function jsonResponse<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

const ERROR_DESCRIPTIONS = {
  400: 'A parameter or the body is not what the route takes; the message names each bad field.',
  401: 'No bearer token, or one that no tenant has.',
  404: 'Nothing has that id or key.',
  429: 'The tenant already has as many requests running and waiting as it may; try again after Retry-After.',
  503: 'Storage cannot answer now.',
} as const
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS

type ErrorResponse = ReturnType<typeof jsonResponse<typeof apiErrorBodySchema>>

/** Error responses in the one error shape. */
export function errorResponses<S extends ErrorStatus>(...statuses: readonly S[]): Record<S, ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, jsonResponse(apiErrorBodySchema, ERROR_DESCRIPTIONS[status])])) as Record<
    S,
    ErrorResponse
  >
}

/** The error responses of an authenticated route: 401 and 429 (the token check and the tenant's share stand before every one), and these. */
export function apiErrorResponses<S extends ErrorStatus>(...statuses: readonly S[]) {
  return errorResponses<401 | 429 | S>(401, 429, ...statuses)
}
