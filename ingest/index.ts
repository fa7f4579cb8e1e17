/**
 * Ingest: from the spool to storage. The sink that turns a request's spans into spooled rows,
 * the drain that stores them and searches refused rows out into the quarantine, the replay of
 * the quarantine, and the routes that show a tenant what was refused.
 */
export { spoolLogSink, spoolSink } from './spool-sink.ts'
export { spanDrain, spoolDamageKeeper } from './spool-drain.ts'
export type { SpanDrainOptions } from './spool-drain.ts'

export type { PayloadRows } from './spool-payload.ts'
export { quarantineReplayStorage } from './quarantine-replay.ts'
export { rejectionRoutes } from './rejection-routes.ts'
