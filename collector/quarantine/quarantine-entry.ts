/**
 * One record storage refused for good, as the quarantine keeps it: whose it was, when and why,
 * and the record itself exactly as it was spooled, so a replay after the cause is fixed stores
 * the same bytes the drain tried.
 */

/** How the record's text is to be read. */
export type QuarantinedFormat =
  /** One row of the spans table, a JSON array in the order of `columns`. */
  | 'JSONCompactEachRow'
  /** One row of the spans table as a JSON object (the spool's earlier form). */
  | 'JSONEachRow'
  /** Bytes that could not be read as rows at all, in base64. */
  | 'bytes'

/** A quarantined record. */
export interface QuarantineEntry {
  /** Stable for the same record: a record quarantined twice (a crash between quarantine and acknowledgement) is kept once. */
  readonly id: string
  /** Empty for bytes of the spool whose owner cannot be read. */
  readonly tenant: string
  /** When it was quarantined (ISO 8601). */
  readonly at: string
  /** A closed set, for the metrics label: `unparsable`, `type_mismatch`, `partition_limit`, `too_large`, `refused`, `unreadable_payload`, `corrupt_spool_frame`. */
  readonly reason: string
  /** What the engine or the spool said. */
  readonly message: string
  /** The request the record came in, so a person can find it in a sender's log. */
  readonly requestId: string
  readonly format: QuarantinedFormat
  /** The columns of a JSONCompactEachRow row. */
  readonly columns?: readonly string[]
  readonly record: string
  /** What identifies the span to a person, when the row could be read that far. */
  readonly span?: QuarantinedSpan
}

/** The span a quarantined row holds, as far as it could be read. */
export interface QuarantinedSpan {
  readonly traceId: string
  readonly spanId: string
  readonly name: string
  readonly service: string
  /** The span's start as stored text (`seconds.nanoseconds`). */
  readonly start: string
}

/** Reads the identifying columns of a row when it is JSON, for the rejections list; undefined when it is not. */
export function quarantinedSpan(
  format: QuarantinedFormat,
  columns: readonly string[] | undefined,
  record: string,
): QuarantinedSpan | undefined {
  if (format === 'bytes') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(record)
  } catch {
    return undefined
  }
  const field = (name: string): string => {
    const value: unknown = Array.isArray(parsed)
      ? (parsed as unknown[])[columns?.indexOf(name) ?? -1]
      : (parsed as Record<string, unknown> | null)?.[name]
    return typeof value === 'string' ? value.slice(0, 256) : ''
  }
  return {
    traceId: field('TraceId'),
    spanId: field('SpanId'),
    name: field('SpanName'),
    service: field('ServiceName'),
    start: field('Timestamp'),
  }
}
