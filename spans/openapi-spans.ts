/** The span routes of the OpenAPI document: a trace, the business-key search and the overview. */

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]
const queryParam = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type: 'string' } })

/** The span paths. */
export const SPAN_PATHS = {
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
}
