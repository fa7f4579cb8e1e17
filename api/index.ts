/**
 * The query API's edge: the app that serves health, readiness, metrics, the dashboard and the
 * authenticated `/api` routes each feature brings as a group; the token check, the tenant share
 * of the engine, the one error shape, and the OpenAPI document assembled from the groups.
 */
export { createQueryApp } from './app.ts'
export type { ApiRouteGroup, QueryAppDeps } from './app.ts'

export type { ApiVariables } from './auth.ts'
export { ApiError, errorHandler } from './errors.ts'
export { jsonObjectBody } from './json-body.ts'

export type { TenantShare } from './tenant-gate.ts'
