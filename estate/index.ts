/**
 * The estate as the spans show it: latency and errors per service, the hops between systems,
 * slow and failed traces, failed and dead-lettered messages, stock that systems disagree on;
 * its routes under `/api/estate`, and the stock readings index.
 */
export { createEstateStore } from './estate-store.ts'
export type { EstateStore, StockOptions } from './estate-store.ts'
export { estateRoutes } from './api/estate-routes.ts'
export { ESTATE_MIGRATIONS } from './migrations/index.ts'
export { stockMismatchesQuery } from './queries/stock-comparison.ts'
export { MESSAGE_DESTINATION, PRODUCED_BY } from './queries/semantic-conventions.ts'
export { deadLetterOutcomesQuery, type ReplayState } from './queries/dead-letter-outcomes.ts'
export { deadLetterReplays, type DeadLetterRef } from './dead-letter-replays.ts'
export type { StockExtras, StockScope } from './queries/stock-comparison.ts'
