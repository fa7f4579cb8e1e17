/** The ingest routes of the OpenAPI document: spans refused at the door or by storage, and the quarantine's replay. */

const error = { $ref: '#/components/responses/Error' }
const bearer = [{ bearerAuth: [] }]

/** The /api/ingest paths. */
export const INGEST_PATHS = {
  '/api/ingest/rejections': {
    get: {
      summary: 'The tenant\'s spans that were not stored as sent: refused by the receiver (answered with OTLP partial success) since the process started, and held in the quarantine because storage refused them; counts by reason and the newest ones.',
      security: bearer,
      parameters: [{ name: 'limit', in: 'query', required: false, description: 'Newest refused spans listed, 1 to 500 (100 by default).', schema: { type: 'integer', minimum: 1, maximum: 500 } }],
      responses: { 200: { description: 'IngestRejectionsResponse.' }, 400: error, 401: error },
    },
  },
  '/api/ingest/rejections/replay': {
    post: {
      summary: 'Sends the tenant\'s quarantined spans to storage again, once the cause is fixed: those stored leave the quarantine, those refused again stay with the new reason. Each span is stored once however often this runs.',
      security: bearer,
      responses: { 200: { description: 'QuarantineReplayResponse: replayed, stored, stillQuarantined.' }, 401: error, 429: error, 503: error },
    },
  },
}
