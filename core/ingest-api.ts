/** What `GET /api/ingest/rejections` answers: the spans of a tenant that were refused, and why. */

/** Where a span was refused: by the receiver (the sender was told) or by storage (kept in the quarantine). */
export type RejectionSource = 'receiver' | 'quarantine'

/** One refused span. */
export interface IngestRejection {
  readonly source: RejectionSource
  /** ISO 8601. */
  readonly at: string
  /** A closed set: the receiver's reasons (`invalid_trace_id`, `start_time_too_old`, ...) or storage's (`unparsable`, `partition_limit`, ...). */
  readonly reason: string
  readonly message: string
  readonly traceId: string
  readonly spanId: string
  readonly name: string
  readonly service: string
}

/** A tenant's refused spans: counts by reason, and the newest ones. */
export interface IngestRejectionsResponse {
  /** Refused by the receiver since the process started, by reason. */
  readonly rejectedByReason: Readonly<Record<string, number>>
  /** Held in the quarantine now, by reason. */
  readonly quarantinedByReason: Readonly<Record<string, number>>
  /** Newest first, both sources. */
  readonly recent: readonly IngestRejection[]
}

/** What `POST /api/ingest/rejections/replay` answers. */
export interface QuarantineReplayResponse {
  readonly replayed: number
  readonly stored: number
  readonly stillQuarantined: number
}
