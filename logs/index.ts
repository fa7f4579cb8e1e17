/**
 * Logs: the row a decoded OTLP log record becomes (with the retail columns a span row has), the
 * logs table and the views that make keyed and staged records journey evidence, and the reads
 * and route of the query API.
 */
export { logIdOf, toLogRow } from './log-row.ts'
export type { LogRow } from './log-row.ts'
export { createLogStore } from './log-store.ts'
export type { LogStore } from './log-store.ts'
export { logRoutes } from './log-routes.ts'
export { LOG_MIGRATIONS } from './migrations/index.ts'
