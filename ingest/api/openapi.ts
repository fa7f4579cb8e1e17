/** The OpenAPI 3.1 description of the query API, served at GET /api/openapi.json. */
import { JOURNEY_PATHS } from './openapi-journeys.ts'
import { ALERT_PATHS } from './openapi-alerts.ts'
import { ESTATE_PATHS } from './openapi-estate.ts'
import { INGEST_PATHS } from './openapi-ingest.ts'

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]
const queryParam = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type: 'string' } })

/** The OpenAPI document. */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Throughline query API',
    version: '0.1.0',
    description: 'Business-transaction tracing for retail integration estates: traces, business-key search and journeys. Every /api route needs `Authorization: Bearer <token>` and answers only with the token\'s tenant\'s data.',
  },
  components: {
    securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    responses: {
      Error: {
        description: 'An error, always in one shape.',
        content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: {
          code: { type: 'string', enum: ['bad_request', 'unauthorized', 'not_found', 'payload_too_large', 'unsupported_media_type', 'too_many_requests', 'unavailable', 'internal'] },
          message: { type: 'string' },
        } } } } } },
      },
    },
  },
  paths: {
    '/api/traces/{traceId}': {
      get: {
        summary: 'Every span of a trace, with events, links to producers and links from consumers.',
        security: bearer,
        parameters: [{ name: 'traceId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } }],
        responses: { 200: { description: 'The trace (TraceResponse).' }, 400: error, 401: error, 404: error },
      },
    },
    '/api/search': {
      get: {
        summary: 'Traces and spans that carry a business key value.',
        security: bearer,
        parameters: [queryParam('key', 'A business key such as retail.order.id, or a configured alias of one.', true), queryParam('value', 'The key value, e.g. WEB-100234.', true)],
        responses: { 200: { description: 'Matching traces and spans (SearchResponse).' }, 400: error, 401: error },
      },
    },
    '/api/overview': {
      get: { summary: 'Activity of the last hour per service and the business keys seen most recently.', security: bearer, responses: { 200: { description: 'OverviewResponse.' }, 401: error } },
    },
    ...JOURNEY_PATHS,
    ...ALERT_PATHS,
    ...ESTATE_PATHS,
    ...INGEST_PATHS,
    '/healthz': { get: { summary: 'Liveness; no authentication.', responses: { 200: { description: 'The process is up.' } } } },
    '/readyz': { get: { summary: 'Readiness: the schema is migrated and storage answers.', responses: { 200: { description: 'Ready.' }, 503: error } } },
    '/metrics': { get: { summary: 'Prometheus text exposition of the platform\'s own metrics.', security: bearer, responses: { 200: { description: 'Metrics.' }, 401: error } } },
  },
} as const
