/**
 * The query API's response schemas, for the server's route definitions and its OpenAPI
 * document. An entry of its own beside index.ts, which exports the same shapes as types only,
 * so that nothing the dashboard imports pulls zod in.
 */
export {
  apiErrorBodySchema,
  apiSpanSchema,
  overviewResponseSchema,
  searchResponseSchema,
  traceResponseSchema,
  valueKeysResponseSchema,
} from './api.ts'
export { journeyListResponseSchema, journeyResponseSchema, journeyStatusSchema, journeyTypesResponseSchema } from './journeys-api.ts'
export {
  duplicatePostingsResponseSchema,
  journeyStatusCountsResponseSchema,
  journeyTrendsResponseSchema,
  promotionPropagationResponseSchema,
  refundPostingResponseSchema,
  settlementPostingResponseSchema,
  taxPostingResponseSchema,
  stageLatencyResponseSchema,
  storeSalesBacklogResponseSchema,
  stockDecrementsResponseSchema,
} from './journey-stats-api.ts'
export {
  estateFiltersResponseSchema,
  estateHopsResponseSchema,
  estateLatencyResponseSchema,
  estateMessagesResponseSchema,
  estateStockResponseSchema,
  estateTracesResponseSchema,
} from './estate-api.ts'
export { alertLifecycleStateSchema, alertRuleValuesResponseSchema, alertsResponseSchema, alertViewSchema } from './alerts-api.ts'
export { ingestRejectionsResponseSchema, quarantineReplayResponseSchema } from './ingest-api.ts'
export { apiLogSchema, logsResponseSchema } from './logs-api.ts'
