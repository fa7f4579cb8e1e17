/** The estate routes of the OpenAPI document: latency, hops, slow and failed traces, failed messages, stock, filter values. */

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]
const queryParam = (name: string, description: string) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } })
const scope = [
  queryParam('from', 'Start of the window (ISO-8601 or epoch milliseconds); default one hour before to. The window is 7 days at most.'),
  queryParam('to', 'End of the window; default now.'),
  queryParam('service', 'Only this service (service.name).'),
  queryParam('span', 'Only this span name of the service; needs service.'),
  queryParam('store', 'Only spans with this retail.store.id.'),
  queryParam('channel', 'Only spans with this retail.channel (web, app, pos, marketplace).'),
  queryParam('region', 'Only spans with this retail.region.'),
]
const get = (summary: string, response: string, parameters: readonly object[] = scope) => ({
  get: { summary, security: bearer, parameters, responses: { 200: { description: response }, 400: error, 401: error } },
})

/** The /api/estate paths. */
export const ESTATE_PATHS = {
  '/api/estate/latency': get(
    'Latency percentiles (p50, p95, p99) and errors over time: entry spans (server, consumer, root) per service, or with service every span of that service per span name.',
    'Series, busiest first, at most 20 (EstateLatencyResponse).',
    [...scope, queryParam('step', 'Bucket size such as 30s, 5m or 1h (a bare number is seconds); default about 60 buckets; at most 1000 buckets.')],
  ),
  '/api/estate/hops': get(
    'Services and the hops between them: HTTP calls (a client span and the server span under it) and messages (a consumer span linked to its producer), with throughput, latency, errors, retries and dead letters.',
    'Hops and services (EstateHopsResponse).',
  ),
  '/api/estate/slow-traces': get('The 50 slowest traces that started in the window, with their root span, services and business keys.', 'Traces (EstateTracesResponse).'),
  '/api/estate/failed-traces': get('The 50 newest traces with an error span in the window.', 'Traces (EstateTracesResponse).'),
  '/api/estate/failed-messages': get(
    'Message deliveries that failed, were retries (retail.retry.attempt) or were dead-lettered (retail.dead_letter), newest first with their business keys, and totals.',
    'Deliveries and counts (EstateMessagesResponse).',
  ),
  '/api/estate/stock': get(
    'SKUs whose latest retail.inventory.on_hand differs between systems at a location by more than tolerance, now and settle ago, with totals per store and channel.',
    'Mismatches (EstateStockResponse).',
    [...scope, queryParam('tolerance', 'Units the systems may differ by; default 0.'), queryParam('settle', 'How long a difference must hold, such as 2m (default), so propagation lag does not count.')],
  ),
  '/api/estate/filters': get('Stores, channels, regions and services seen in the window, for filter lists.', 'Values (EstateFiltersResponse).'),
}
