/**
 * The OpenAPI 3.1 description of the query API, served at GET /api/openapi.json: the shared
 * parts here, each feature's paths from its route group.
 */

/** The OpenAPI document with the features' paths. */
export function openApiDocument(featurePaths: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const document = BASE_DOCUMENT
  return { ...document, paths: { ...Object.assign({}, ...featurePaths) as Record<string, unknown>, ...document.paths } }
}

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]

const BASE_DOCUMENT = {
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
    '/healthz': { get: { summary: 'Liveness; no authentication.', responses: { 200: { description: 'The process is up.' } } } },
    '/readyz': { get: { summary: 'Readiness: the schema is migrated and storage answers.', responses: { 200: { description: 'Ready.' }, 503: error } } },
    '/metrics': { get: { summary: 'Prometheus text exposition of the platform\'s own metrics.', security: bearer, responses: { 200: { description: 'Metrics.' }, 401: error } } },
  },
} as const
