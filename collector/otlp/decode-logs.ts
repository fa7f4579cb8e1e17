/**
 * The logs decoders' one entry for a receiver, and the time window a record must fall in: a
 * request body in either OTLP encoding to its log records, or why it cannot be decoded (a 400).
 */
import { err, ok, type LogRecord, type Result } from '../../core/index.ts'
import { decodeJsonLogs } from './decode-logs-json.ts'
import { decodeProtobufLogs } from './decode-logs-protobuf.ts'
import type { OtlpEncoding } from './decode-traces.ts'
import { DecodeError } from './protobuf-reader.ts'
import type { DecodeLimits } from './span-validation.ts'
import type { SpanTimeWindow } from './span-admission.ts'
import type { DecodedLogs, LogProblem } from './log-validation.ts'

const NANOS_PER_MS = 1_000_000n

/** Decodes an ExportLogsServiceRequest; a body that is not one answers why. */
export function decodeLogs(encoding: OtlpEncoding, body: Uint8Array, limits: DecodeLimits): Result<DecodedLogs, string> {
  try {
    return ok(
      encoding === 'json'
        ? decodeJsonLogs(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), limits)
        : decodeProtobufLogs(body, limits),
    )
  } catch (error) {
    if (error instanceof DecodeError) return err(`cannot decode the ${encoding} body: ${error.message}`)
    throw error
  }
}

/**
 * The decoded request with records outside the stored window refused, as spans are; a record
 * with neither time nor observed time is stamped with the receiver's clock, as the collector does.
 */
export function admitLogs(decoded: DecodedLogs, window: SpanTimeWindow, nowMs: number): DecodedLogs {
  const now = BigInt(Math.floor(nowMs)) * NANOS_PER_MS
  const oldest = BigInt(Math.floor(nowMs - window.maxAgeMs)) * NANOS_PER_MS
  const latest = BigInt(Math.floor(nowMs + window.maxAheadMs)) * NANOS_PER_MS
  const records: LogRecord[] = []
  const admitted: DecodedLogs = { ...decoded, records, rejectedByReason: { ...decoded.rejectedByReason } }
  for (const record of decoded.records) {
    const time = record.timeUnixNano === 0n ? now : record.timeUnixNano
    const problem = timeProblem(time, oldest, latest)
    if (problem === undefined) {
      records.push(time === record.timeUnixNano ? record : { ...record, timeUnixNano: time, observedTimeUnixNano: time })
      continue
    }
    if (admitted.rejectedRecords++ === 0)
      admitted.rejectionMessage = `log record of trace ${record.traceId || '(none)'} rejected: ${problem.detail}`
    admitted.rejectedByReason[problem.reason] = (admitted.rejectedByReason[problem.reason] ?? 0) + 1
  }
  return admitted
}

function timeProblem(time: bigint, oldest: bigint, latest: bigint): LogProblem | undefined {
  if (time < oldest) return { reason: 'time_too_old', detail: `time ${isoOf(time)} is older than the retention (from ${isoOf(oldest)})` }
  if (time > latest) return { reason: 'time_in_future', detail: `time ${isoOf(time)} is more than a day ahead of the receiver's clock` }
  return undefined
}

function isoOf(nanos: bigint): string {
  const ms = Number(nanos / NANOS_PER_MS)
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : `${nanos} ns`
}
