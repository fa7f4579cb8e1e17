/** What `GET /api/ingest/rejections` and its replay answer: the spans of a tenant that were refused, and why. */
import { z } from 'zod'

export const rejectionSourceSchema = z.enum(['receiver', 'quarantine']).meta({
  id: 'RejectionSource',
  description: 'Where a span was refused: by the receiver (the sender was told) or by storage (kept in the quarantine).',
})
export type RejectionSource = z.infer<typeof rejectionSourceSchema>

export const ingestRejectionSchema = z
  .object({
    source: rejectionSourceSchema,
    at: z.string().describe('ISO 8601.'),
    reason: z
      .string()
      .describe(
        "A closed set: the receiver's reasons (`invalid_trace_id`, `start_time_too_old`, ...) or storage's (`unparsable`, `partition_limit`, ...).",
      ),
    message: z.string(),
    traceId: z.string(),
    spanId: z.string(),
    name: z.string(),
    service: z.string(),
  })
  .meta({ id: 'IngestRejection', description: 'One refused span.' })
export type IngestRejection = z.infer<typeof ingestRejectionSchema>

export const ingestRejectionsResponseSchema = z
  .object({
    rejectedByReason: z.record(z.string(), z.number()).describe('Refused by the receiver since the process started, by reason.'),
    quarantinedByReason: z.record(z.string(), z.number()).describe('Held in the quarantine now, by reason.'),
    recent: z.array(ingestRejectionSchema).readonly().describe('Newest first, both sources.'),
  })
  .meta({ id: 'IngestRejectionsResponse', description: "A tenant's refused spans: counts by reason, and the newest ones." })
export type IngestRejectionsResponse = z.infer<typeof ingestRejectionsResponseSchema>

export const quarantineReplayResponseSchema = z
  .object({
    replayed: z.number(),
    stored: z.number(),
    stillQuarantined: z.number(),
  })
  .meta({ id: 'QuarantineReplayResponse', description: 'What `POST /api/ingest/rejections/replay` answers.' })
export type QuarantineReplayResponse = z.infer<typeof quarantineReplayResponseSchema>
