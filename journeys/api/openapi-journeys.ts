/** The journey routes of the OpenAPI document: one journey, lists, and the dashboards' aggregates. */

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]
const queryParam = (name: string, description: string, required = false) => ({ name, in: 'query', required, description, schema: { type: 'string' } })
const window = [queryParam('from', 'Journeys that started at or after this time (ISO-8601 or epoch milliseconds).'), queryParam('to', 'Journeys that started at or before this time.')]
const statuses = ['in_progress', 'late', 'stalled', 'failed', 'complete']

/** The /api/journeys paths. */
export const JOURNEY_PATHS = {
  '/api/journeys/types': {
    get: {
      summary: 'The journey types in force (the defaults as the config file adjusted them, and the types it added): root key, linked keys, and each stage with its predecessors, SLA, branch and role.',
      security: bearer,
      responses: { 200: { description: 'JourneyTypesResponse.' }, 401: error },
    },
  },
  '/api/journeys': {
    get: {
      summary: 'Journeys with their current stage and status, from the incremental journey state (stages whose spans carry the root key).',
      security: bearer,
      parameters: [
        queryParam('type', 'A journey type (order, return, settlement, promotion, sale, or one from the config file); all types when omitted.'),
        { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: statuses } },
        queryParam('store', 'retail.store.id'),
        queryParam('channel', 'retail.channel: web, app, pos, marketplace'),
        queryParam('region', 'retail.region'),
        ...window,
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 100000, default: 0 } },
        { name: 'sort', in: 'query', required: false, description: 'By start time: newest first, or oldest (the longest-running) first.', schema: { type: 'string', enum: ['newest', 'oldest'], default: 'newest' } },
      ],
      responses: { 200: { description: 'A page of journeys and the total that match (JourneyListResponse).' }, 400: error, 401: error },
    },
  },
  '/api/journeys/{type}/{key}': {
    get: {
      summary: 'One journey stitched across traces, systems and linked keys: stages (reached, when, by which system and span, late or missing against the SLA), linked keys and their journeys, skipped keys, traces and a timeline.',
      security: bearer,
      parameters: [
        { name: 'type', in: 'path', required: true, schema: { type: 'string' }, description: 'A journey type; 400 for one that is not configured.' },
        { name: 'key', in: 'path', required: true, schema: { type: 'string', maxLength: 512 }, description: 'The root key value, e.g. an order id.' },
      ],
      responses: { 200: { description: 'The journey (JourneyResponse).' }, 400: error, 401: error, 404: error },
    },
  },
  '/api/journeys/stats/status': {
    get: { summary: 'Journeys per type and status.', security: bearer, parameters: window, responses: { 200: { description: 'JourneyStatusCountsResponse.' }, 400: error, 401: error } },
  },
  '/api/journeys/stats/latency': {
    get: {
      summary: 'Percentiles (p50, p95, p99) of the time from each stage to the next, per store, channel or region.',
      security: bearer,
      parameters: [queryParam('type', 'A journey type.', true), { name: 'by', in: 'query', required: false, schema: { type: 'string', enum: ['store', 'channel', 'region', 'none'], default: 'none' } }, ...window],
      responses: { 200: { description: 'StageLatencyResponse.' }, 400: error, 401: error },
    },
  },
  '/api/journeys/stats/promotions': {
    get: { summary: 'Promotion propagation: per promotion the stores targeted, live and missing; per store the promotions live and missing.', security: bearer, parameters: window, responses: { 200: { description: 'PromotionPropagationResponse.' }, 400: error, 401: error } },
  },
  '/api/journeys/stats/store-sales': {
    get: { summary: 'Store sales published versus posted to the ERP, per store, with the backlog and the age of its oldest sale.', security: bearer, parameters: window, responses: { 200: { description: 'StoreSalesBacklogResponse.' }, 400: error, 401: error } },
  },
  '/api/journeys/stats/settlements': {
    get: { summary: 'Settlements by posting status (unposted, posted, reconciled) and currency, with amounts (retail.amount of the batch) and the oldest.', security: bearer, parameters: window, responses: { 200: { description: 'SettlementPostingResponse.' }, 400: error, 401: error } },
  },
} as const
