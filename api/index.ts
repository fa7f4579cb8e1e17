/**
 * The query API's edge: the app that serves health, readiness, metrics, the dashboard and the
 * authenticated `/api` routes each feature brings as a group; the token check, the tenant share
 * of the engine, the one error shape, and the OpenAPI document generated from the groups' routes.
 */
export { createQueryApp } from './app.ts'
export type { QueryAppDeps } from './app.ts'

export type { ApiVariables } from './auth.ts'
export { ApiError, errorHandler } from './errors.ts'

export { apiErrorResponses, issuesMessage, jsonResponse, routeGroupApp } from './route-group.ts'
export type { ApiRouteGroup } from './route-group.ts'
export { choiceParam, optionalChoiceParam, queryParam, requiredTextParam, textParam, timeParam, wholeNumberParam } from './params.ts'

export type { TenantShare } from './tenant-gate.ts'
