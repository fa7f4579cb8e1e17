/** The alert routes of the OpenAPI document: alerts with their history and deliveries, and silences. */

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]
const dedupKey = { name: 'dedup_key', in: 'path', required: true, description: 'The alert\'s stable key (rule plus group), as sent to PagerDuty and Opsgenie.', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,80}$' } }

/** The /api/alerts paths. */
export const ALERT_PATHS = {
  '/api/alerts': {
    get: {
      summary: 'The tenant\'s alerts, firing first: state, business impact, links to journeys and traces, history, and every delivery attempt to each channel.',
      security: bearer,
      parameters: [{ name: 'state', in: 'query', required: false, description: 'One or more of pending, firing, resolved, comma-separated; all when omitted.', schema: { type: 'string', example: 'firing,pending' } }],
      responses: { 200: { description: 'Alerts, counts per state and the configured rules (AlertsResponse).' }, 400: error, 401: error },
    },
  },
  '/api/alerts/{dedup_key}/silence': {
    post: {
      summary: 'Silences an alert until a time: no trigger or reminder is sent until then (a resolve still is). At most 30 days.',
      security: bearer,
      parameters: [dedupKey],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { type: 'object', properties: {
          for: { type: 'string', description: 'A duration such as 30m, 2h or 1d.', example: '2h' },
          until: { type: 'string', format: 'date-time', description: 'Instead of for: when the silence ends.' },
          reason: { type: 'string', maxLength: 500 },
        } } } },
      },
      responses: { 200: { description: 'The silenced alert (AlertView).' }, 400: error, 401: error, 404: error },
    },
    delete: {
      summary: 'Lifts an alert\'s silence.',
      security: bearer,
      parameters: [dedupKey],
      responses: { 200: { description: 'The alert (AlertView).' }, 400: error, 401: error, 404: error },
    },
  },
}
