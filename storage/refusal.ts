/**
 * Why ClickHouse refused an insert, and whether asking again can help. An engine that is down,
 * a full disk, a timeout or merges that fall behind pass: the same insert succeeds later. Text
 * the engine cannot parse, a value its type cannot hold or a limit of one insert does not: the
 * same bytes fail for ever, so retrying them would stop everything queued behind. Anything this
 * list does not know is `unknown`: the caller retries it a few times before it believes it.
 */

/** What a refusal means for the insert that met it. */
export type RefusalKind = 'transient' | 'permanent' | 'unknown'

/** Why rows were refused, as a closed set: the quarantine and its metrics label use it. */
export type RefusalReason = 'unparsable' | 'type_mismatch' | 'partition_limit' | 'too_large' | 'refused'

/** A classified insert failure. */
export interface Refusal {
  readonly kind: RefusalKind
  readonly reason: RefusalReason
  /** The engine's own words, cut to a line a person reads. */
  readonly message: string
}

const MAX_MESSAGE = 500

/** ClickHouse error codes that come from the rows themselves, by the reason they give. */
const PERMANENT: Readonly<Record<number, RefusalReason>> = {
  6: 'unparsable', // CANNOT_PARSE_TEXT
  25: 'unparsable', // CANNOT_PARSE_ESCAPE_SEQUENCE
  26: 'unparsable', // CANNOT_PARSE_QUOTED_STRING
  27: 'unparsable', // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  32: 'unparsable', // ATTEMPT_TO_READ_AFTER_EOF
  33: 'unparsable', // CANNOT_READ_ALL_DATA
  38: 'unparsable', // CANNOT_PARSE_DATE
  41: 'unparsable', // CANNOT_PARSE_DATETIME
  72: 'unparsable', // CANNOT_PARSE_NUMBER
  117: 'unparsable', // INCORRECT_DATA
  130: 'type_mismatch', // CANNOT_READ_ARRAY_FROM_TEXT
  53: 'type_mismatch', // TYPE_MISMATCH
  70: 'type_mismatch', // CANNOT_CONVERT_TYPE
  190: 'type_mismatch', // SIZES_OF_ARRAYS_DONT_MATCH
  321: 'type_mismatch', // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  69: 'type_mismatch', // ARGUMENT_OUT_OF_BOUND
  128: 'too_large', // TOO_LARGE_ARRAY_SIZE
  131: 'too_large', // TOO_LARGE_STRING_SIZE
  395: 'refused', // FUNCTION_THROW_IF_VALUE_IS_NON_ZERO: a view's own check
  469: 'refused', // VIOLATED_CONSTRAINT
}

/** ClickHouse error codes of an engine or cluster that cannot take an insert now. */
const TRANSIENT = new Set([
  3, // UNEXPECTED_END_OF_FILE (a connection cut mid-body)
  159, // TIMEOUT_EXCEEDED
  164, // READONLY
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  243, // NOT_ENOUGH_SPACE
  252, // TOO_MANY_PARTS (merges behind); the partition limit shares the code and is told by its words
  285, // TOO_FEW_LIVE_REPLICAS
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  999, // KEEPER_EXCEPTION
  1000, // POCO_EXCEPTION
])

/** Node's own errors of a connection that failed, which a server restart or a network blip causes. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENOSPC',
  'EIO',
])

/** Classifies what an insert threw. */
export function classifyRefusal(error: unknown): Refusal {
  const message = messageOf(error)
  const code = (error as { code?: unknown } | null)?.code
  const number = typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : typeof code === 'number' ? code : undefined
  if (number === 252 && /too many partitions for single insert block/i.test(message))
    return { kind: 'permanent', reason: 'partition_limit', message }
  if (number !== undefined) {
    const reason = PERMANENT[number]
    if (reason) return { kind: 'permanent', reason, message }
    if (TRANSIENT.has(number)) return { kind: 'transient', reason: 'refused', message }
    return { kind: 'unknown', reason: 'refused', message }
  }
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return { kind: 'transient', reason: 'refused', message }
  if (/timeout|socket hang up|connection|closed/i.test(message)) return { kind: 'transient', reason: 'refused', message }
  return { kind: 'unknown', reason: 'refused', message }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line
}
