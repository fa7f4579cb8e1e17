/**
 * Journeys: business transactions stitched across traces, systems and linked keys. The model and
 * its config (`model/`), the status rules (`status/`), one journey's lookup (`lookup/`), lists
 * and aggregates (`lists/`), the summaries that keep lists fast (`summaries/`), the journey-span
 * index (`span-index/`), the store that puts them together and its routes.
 */
export { DEFAULT_JOURNEYS } from './model/defaults.ts'
export { journeyTypeOfStage, pathStages, stageOfRole } from './model/model.ts'
export type { JourneyDefinition, SpanMatch, StageDefinition, StageRole } from './model/model.ts'
export { journeysSectionSchema } from './model/config-schema.ts'
export type { JourneysSection } from './model/config-schema.ts'
export { resolveJourneys } from './model/resolve.ts'
export type { JourneyConfigIssue, ResolvedJourneys } from './model/resolve.ts'
export { stageRecogniser } from './model/stage-recogniser.ts'
export type { StageRecogniser } from './model/stage-recogniser.ts'
export { stageGraph } from './model/stage-graph.ts'
export type { StageGraph } from './model/stage-graph.ts'

export { journeyStatusQuery } from './status/status-query.ts'
export { stageReachedSql } from './status/stage-reached.ts'

export type { JourneyEvidence, JourneySpan } from './lookup/evidence.ts'
export { createJourneyStore } from './journey-store.ts'
export type { JourneyStore, JourneyStoreOptions } from './journey-store.ts'
export { createJourneySummariser } from './summaries/summariser.ts'
export type { JourneySummariser } from './summaries/summariser.ts'
export { createJourneySpanBackfill } from './span-index/backfill.ts'
export type { JourneySpanBackfill } from './span-index/backfill.ts'
export { journeyRoutes } from './api/journey-routes.ts'
export { DUPLICATE_POSTING_SOURCES, postingRows } from './lists/duplicate-queries.ts'
export { JOURNEY_MIGRATIONS } from './migrations.ts'
