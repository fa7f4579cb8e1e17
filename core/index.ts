/** Pure types and primitives shared by the server folders and the dashboard. */
export type { Attributes, SpanEvent, SpanKind, SpanLink, SpanRecord, StatusCode } from './span.ts'
export { serviceNameOf } from './span.ts'
export type { ApiErrorBody, ApiErrorCode, ApiSpan, ApiSpanRef, OverviewResponse, SearchResponse, SpanSummary, TraceResponse, TraceSummary } from './api.ts'
export type { Tenant, TenantDirectory } from './tenants.ts'
export { tenantDirectory } from './tenants.ts'
export type { Counter, Gauge, Histogram } from './metrics.ts'
export { MetricRegistry } from './metrics.ts'
