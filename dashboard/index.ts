/**
 * The dashboard's pure helpers, for anything outside the React app that wants to format or lay
 * out spans the same way (tests, other tools). The app itself starts from main.tsx.
 */
export { formatDuration } from './format/duration.ts'
export { formatCount, formatMillis, formatRate } from './format/number.ts'
export { formatClock, formatTimestamp, localTimeZone, millisBetween } from './format/time.ts'
export { buildSpanTree } from './trace/spanTree.ts'
export type { SpanRow, TreeSpan } from './trace/spanTree.ts'
export { axisTicks, offsetMs, scaleBar, traceBounds } from './trace/timeline.ts'
export type { AxisTick, BarPosition, TimedSpan, TraceBounds } from './trace/timeline.ts'
export { SERVICE_PALETTE, assignServiceColors } from './trace/serviceColors.ts'
export { parseRoute } from './router/routes.ts'
export type { Route } from './router/routes.ts'
export { journeyHref, searchHref, spanHash, spanIdFromHash, traceHref } from './router/hrefs.ts'
export { JOURNEY_ROOT_KEYS, JOURNEY_TYPES, rootKeyOf } from './journeys/journeyTypes.ts'
export type { JourneyType } from './journeys/journeyTypes.ts'
export { takeTokenFromUrl } from './auth/token.ts'
export type { SignInLink } from './auth/token.ts'
export { applyResult, initialPollState } from './api/pollState.ts'
export type { PollState } from './api/pollState.ts'
export { failureFromResponse } from './api/result.ts'
export type { ApiFailure, ApiResult, FailureCode } from './api/result.ts'
export { overviewPath, searchPath, tracePath } from './api/paths.ts'
