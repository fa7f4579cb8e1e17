/**
 * Pure types and primitives shared by the server folders and the dashboard. The API's shapes are
 * exported here as types only, so the dashboard's bundle never carries zod; the server takes
 * their schemas from `api-schemas.ts`.
 */
export type { Attributes, SpanEvent, SpanKind, SpanLink, SpanRecord, StatusCode } from './span.ts'
export { serviceNameOf } from './span.ts'
export type { LogRecord } from './log.ts'
export { ERROR_SEVERITY } from './log.ts'
export type {
  ApiErrorBody,
  ApiErrorCode,
  ApiSpan,
  ApiSpanRef,
  OverviewResponse,
  SearchResponse,
  SpanSummary,
  TraceResponse,
  TraceSummary,
  ValueKeysResponse,
} from './api.ts'
export type {
  JourneyLinkedKey,
  JourneyListResponse,
  JourneyPosting,
  JourneyProblem,
  JourneyResponse,
  JourneySkippedKey,
  JourneySpanRef,
  JourneyStageState,
  JourneyStageView,
  JourneyStoreHit,
  JourneySummary,
  JourneyTimelineEntry,
  JourneyTrace,
  LinkedJourneySummary,
  JourneyStageType,
  JourneyTypeView,
  JourneyTypesResponse,
} from './journeys-api.ts'
export type {
  DuplicatePostingsResponse,
  JourneyStatusCountsResponse,
  JourneyMoney,
  JourneyTrendsResponse,
  PostingAgeBand,
  PromotionPropagationResponse,
  RefundPostingResponse,
  SettlementPostingResponse,
  TaxPostingResponse,
  StageLatencyResponse,
  StockDecrementsResponse,
  StoreSalesBacklogResponse,
} from './journey-stats-api.ts'
export type {
  DeadLetterReplay,
  EstateFiltersResponse,
  EstateHop,
  EstateHopsResponse,
  EstateKeyValue,
  EstateLatencyResponse,
  EstateMessage,
  EstateMessagesResponse,
  EstateScope,
  EstateService,
  EstateStockResponse,
  EstateTrace,
  EstateTracesResponse,
  LatencyPoint,
  LatencySeries,
  LatencyStats,
  MessageProblem,
  ReplayState,
  StockMismatch,
  StockMismatchGroup,
  StockReading,
} from './estate-api.ts'
export { deadLetterId } from './dead-letter.ts'
export type {
  AlertDeliveryAttemptView,
  AlertDeliveryView,
  AlertImpactView,
  AlertLifecycleState,
  AlertRuleValuesResponse,
  AlertRuleView,
  AlertsResponse,
  AlertView,
} from './alerts-api.ts'
export type { Tenant, TenantDirectory } from './tenants.ts'
export { tenantDirectory } from './tenants.ts'
export { DURATION_PATTERN, durationText, parseDuration } from './duration.ts'
export type { IngestRejection, IngestRejectionsResponse, QuarantineReplayResponse, RejectionSource } from './ingest-api.ts'
export type { ApiLog, LogsResponse } from './logs-api.ts'
export { isJourneyStatus, JOURNEY_STATUSES } from './journey-status.ts'
export type { JourneyStatus } from './journey-status.ts'
export type { Result } from './result.ts'
export { err, ok } from './result.ts'
export { keyedSerialQueues, runPeriodically, serialQueue } from './background.ts'
export type { Periodic, PeriodicOptions, PeriodicOutcome, SerialQueue } from './background.ts'
export { autoStepSeconds, bucketEnds, POSTING_AGES, postingAgeOf } from './time-buckets.ts'
export type { PostingAge } from './time-buckets.ts'
