/**
 * Spans: the row a decoded span becomes, the business-key vocabulary that fills its keys, the
 * store that writes rows and answers the trace, search and overview reads, their routes, and the
 * spans table with its lookup indexes and links.
 */
export { nanosToDateTime64, toSpanRow } from './span-row.ts'
export type { SpanRow, SpanStageNamer } from './span-row.ts'
export { DEFAULT_VOCABULARY, keyRecogniser } from './business-keys.ts'
export type { KeyRecogniser, KeyVocabulary } from './business-keys.ts'
export { createSpanStore } from './span-store.ts'
export type { SpanStore } from './span-store.ts'
export { nanosToIso } from './api-span.ts'
export type { StoredSpanRow } from './api-span.ts'
export { spanRoutes } from './span-routes.ts'
export { searchKeyParam } from './search-key.ts'
export { SPAN_MIGRATIONS } from './migrations/index.ts'
