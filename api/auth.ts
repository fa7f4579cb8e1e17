/** Bearer-token authentication of the query API: each token names exactly one tenant. */
import type { MiddlewareHandler } from 'hono'
import type { TenantDirectory } from '../core/index.ts'
import { ApiError } from './errors.ts'

/** The variables a request carries once authenticated. */
export interface ApiVariables {
  tenant: string
}

/** The bearer token of a request, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

/** Rejects a request without a valid API token and sets its tenant. */
export function requireApiToken(tenants: TenantDirectory): MiddlewareHandler<{ Variables: ApiVariables }> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'))
    if (!token) throw new ApiError('unauthorized', 'missing bearer token: send Authorization: Bearer <token>')
    const tenant = tenants.byApiToken(token)
    if (!tenant) throw new ApiError('unauthorized', 'unknown API token')
    c.set('tenant', tenant)
    await next()
  }
}
