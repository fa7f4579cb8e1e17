/**
 * The JSON shapes of the query API's spans, search and overview, and its one error shape: zod
 * schemas the server declares its routes with (named components of the OpenAPI document), and
 * their types, which the dashboard imports as types only. Times are ISO-8601 strings
 * (millisecond precision) beside exact nanosecond strings.
 */
import { z } from 'zod'
import { SPAN_KINDS, STATUS_CODES } from './span.ts'

export const attributesSchema = z.record(z.string(), z.string()).meta({
  id: 'Attributes',
  description: 'Attribute values flattened to strings: numbers and booleans in their text form, arrays and maps as JSON.',
})

export const spanKindSchema = z.enum(SPAN_KINDS).meta({ id: 'SpanKind', description: 'OTLP span kind, lower-cased.' })

export const statusCodeSchema = z.enum(STATUS_CODES).meta({ id: 'StatusCode', description: 'OTLP status code, lower-cased.' })

export const apiSpanRefSchema = z
  .object({
    traceId: z.string(),
    spanId: z.string(),
    attributes: attributesSchema,
  })
  .meta({ id: 'ApiSpanRef', description: 'A reference to a span in a trace, possibly another trace.' })
export type ApiSpanRef = z.infer<typeof apiSpanRefSchema>

export const apiSpanSchema = z
  .object({
    traceId: z.string(),
    spanId: z.string(),
    parentSpanId: z.string(),
    name: z.string(),
    kind: spanKindSchema,
    service: z.string(),
    system: z.string().describe('`retail.system` of the span or its resource; empty when unknown.'),
    stage: z.string().describe('`retail.journey.stage`, when the span marks a stage.'),
    startTime: z.string(),
    startTimeUnixNano: z.string(),
    durationMs: z.number(),
    statusCode: statusCodeSchema,
    statusMessage: z.string(),
    attributes: attributesSchema,
    resource: attributesSchema,
    businessKeys: attributesSchema,
    events: z.array(z.object({ time: z.string(), name: z.string(), attributes: attributesSchema })).readonly(),
    links: z.array(apiSpanRefSchema).readonly().describe('Spans this span links to (a consumer to its producer).'),
    linkedFrom: z
      .array(apiSpanRefSchema)
      .readonly()
      .describe("Spans that link to this span (a producer's consumers), found through the link index."),
  })
  .meta({ id: 'ApiSpan', description: 'A span as the query API returns it.' })
export type ApiSpan = z.infer<typeof apiSpanSchema>

export const traceResponseSchema = z
  .object({
    traceId: z.string(),
    spans: z.array(apiSpanSchema).readonly(),
    truncated: z.boolean().describe('True when the trace has more spans than the 10,000 returned (the first by start time).'),
  })
  .meta({ id: 'TraceResponse', description: '`GET /api/traces/{traceId}`: every span of a trace.' })
export type TraceResponse = z.infer<typeof traceResponseSchema>

export const traceSummarySchema = z
  .object({
    traceId: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    spanCount: z.number(),
    errorCount: z.number(),
    services: z.array(z.string()).readonly(),
  })
  .meta({ id: 'TraceSummary', description: 'One trace that carries a searched business key.' })
export type TraceSummary = z.infer<typeof traceSummarySchema>

export const spanSummarySchema = z
  .object({
    traceId: z.string(),
    spanId: z.string(),
    name: z.string(),
    service: z.string(),
    system: z.string(),
    stage: z.string(),
    startTime: z.string(),
    durationMs: z.number(),
    statusCode: statusCodeSchema,
  })
  .meta({ id: 'SpanSummary', description: 'One span that carries a searched business key.' })
export type SpanSummary = z.infer<typeof spanSummarySchema>

export const searchResponseSchema = z
  .object({
    key: z.string(),
    value: z.string(),
    traces: z.array(traceSummarySchema).readonly(),
    spans: z.array(spanSummarySchema).readonly(),
  })
  .meta({ id: 'SearchResponse', description: '`GET /api/search?key=&value=`: the traces and spans that carry a business key value.' })
export type SearchResponse = z.infer<typeof searchResponseSchema>

export const valueKeysResponseSchema = z
  .object({
    value: z.string(),
    keys: z
      .array(
        z.object({
          key: z.string(),
          traces: z.number().describe('Traces with a span or log record that carries the value under this key.'),
          lastSeen: z.string(),
        }),
      )
      .readonly()
      .describe('The business keys that carry the value, most recently seen first.'),
  })
  .meta({ id: 'ValueKeysResponse', description: '`GET /api/search/keys?value=`: the business keys a value was seen under.' })
export type ValueKeysResponse = z.infer<typeof valueKeysResponseSchema>

export const overviewResponseSchema = z
  .object({
    spansLastHour: z.number(),
    tracesLastHour: z.number(),
    errorsLastHour: z.number(),
    services: z
      .array(z.object({ service: z.string(), system: z.string(), spans: z.number(), errors: z.number(), p95Ms: z.number() }))
      .readonly(),
    recentKeys: z.array(z.object({ key: z.string(), value: z.string(), lastSeen: z.string() })).readonly(),
  })
  .meta({ id: 'OverviewResponse', description: 'Recent activity for the overview page: `GET /api/overview`.' })
export type OverviewResponse = z.infer<typeof overviewResponseSchema>

export const API_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'unavailable',
  'internal',
] as const
/** The closed set of error codes the query API answers with. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string().describe('What went wrong, for a person: a bad parameter is named, with what it takes.'),
    }),
  })
  .meta({ id: 'ApiErrorBody', description: 'The one error shape of the HTTP edge.' })
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>
