/**
 * Dead letters followed to their outcome, as the API shows them: the failed-messages view and the
 * journey lookup ask for the dead letters they hold. The rule is the SQL's
 * (./queries/dead-letter-outcomes.ts); this reads it and shapes the answer.
 */
import { deadLetterId, type DeadLetterReplay, type ReplayState } from '../core/index.ts'
import type { SchemaTarget, Warehouse } from '../storage/index.ts'
import { nanosToIso } from '../spans/index.ts'
import { deadLetterOutcomesQuery, namedDeadLetters } from './queries/dead-letter-outcomes.ts'

/** A dead-lettered span to follow. */
export interface DeadLetterRef {
  readonly traceId: string
  readonly spanId: string
  readonly timeMs: number
}

type Count = number | string

/** One row of the outcomes query. */
export interface OutcomeRow {
  readonly traceId: string
  readonly spanId: string
  readonly deadNs: Count
  readonly state: ReplayState
  readonly replays: Count
  readonly replayedNs: Count
  readonly replayTraceId: string
  readonly replaySpanId: string
  readonly replayService: string
  readonly replaySystem: string
  readonly replaySpan: string
  readonly processedNs: Count
}

/** A row as the API gives it; `now` dates the wait of one still waiting. */
export function toReplay(row: OutcomeRow, now: Date): DeadLetterReplay {
  const replays = Number(row.replays)
  if (replays === 0)
    return { state: 'waiting', replays, waitingMs: Math.max(0, now.getTime() - Date.parse(nanosToIso(String(row.deadNs)))) }
  return {
    state: row.state,
    replays,
    replayedAt: nanosToIso(String(row.replayedNs)),
    replay: {
      traceId: row.replayTraceId,
      spanId: row.replaySpanId,
      service: row.replayService,
      system: row.replaySystem,
      span: row.replaySpan,
    },
    ...(Number(row.processedNs) > 0 ? { processedAt: nanosToIso(String(row.processedNs)) } : {}),
  }
}

/** What became of each dead letter, by its id; one read, none for no dead letters. */
export async function deadLetterReplays(
  warehouse: Warehouse,
  target: SchemaTarget,
  tenant: string,
  deadLetters: readonly DeadLetterRef[],
  now: Date,
): Promise<Map<string, DeadLetterReplay>> {
  const replays = new Map<string, DeadLetterReplay>()
  if (deadLetters.length === 0) return replays
  const since = new Date(Math.min(...deadLetters.map((dead) => dead.timeMs)))
  const ids = deadLetters.map(deadLetterId)
  const rows = await warehouse.rows<OutcomeRow>(deadLetterOutcomesQuery(target, namedDeadLetters(tenant, ids, since), since))
  for (const row of rows) replays.set(deadLetterId(row), toReplay(row, now))
  return replays
}
