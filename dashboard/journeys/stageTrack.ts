/**
 * The geometry of a journey's stage chart: for each stage, the wait from the stage before it
 * to when it was reached, and its SLA from the same start, as percentages of the time from the
 * journey's start to now (or its last activity once complete).
 */
import type { JourneyResponse, JourneyStageView } from '../../core/index.ts'

/** One stage's bars, in percent of the chart's width; undefined where there is nothing to draw. */
export interface StageTrack {
  readonly stage: JourneyStageView
  /** The wait from the previous stage until this one was reached (or until now, while due). */
  readonly wait?: { readonly leftPct: number; readonly widthPct: number }
  /** From the previous stage to the due time, cut at the chart's end. */
  readonly sla?: { readonly leftPct: number; readonly widthPct: number; readonly beyond: boolean }
  /** Where the stage was reached. */
  readonly reachedPct?: number
}

/** The chart's span and a row per stage. */
export interface StageTrackLayout {
  readonly startMs: number
  readonly endMs: number
  readonly rows: readonly StageTrack[]
}

const pct = (ms: number, start: number, total: number): number => Math.min(100, Math.max(0, ((ms - start) / total) * 100))

/** Lays a journey's stages on one time axis from its start to its end (now while it is open). */
export function stageTrack(
  journey: Pick<JourneyResponse, 'startedAt' | 'lastActivityAt' | 'status' | 'stages'>,
  nowMs: number,
): StageTrackLayout {
  const startMs = Date.parse(journey.startedAt)
  const lastMs = Date.parse(journey.lastActivityAt)
  const endMs = Math.max(journey.status === 'complete' ? lastMs : Math.max(lastMs, nowMs), startMs + 1)
  const total = endMs - startMs
  const reachedAt = new Map(journey.stages.filter((s) => s.at !== undefined).map((s) => [s.name, Date.parse(s.at!)]))
  const rows = journey.stages.map((stage): StageTrack => {
    const at = stage.at === undefined ? undefined : Date.parse(stage.at)
    const due = stage.dueAt === undefined ? undefined : Date.parse(stage.dueAt)
    // The clock starts when the stage before it was reached: due minus the SLA.
    const from = stage.previous !== undefined ? reachedAt.get(stage.previous) : due !== undefined ? due - stage.slaMs : undefined
    const track: { -readonly [K in keyof StageTrack]: StageTrack[K] } = { stage }
    if (at !== undefined) track.reachedPct = pct(at, startMs, total)
    if (from !== undefined && from < endMs && (at !== undefined || stage.state === 'overdue' || stage.state === 'pending')) {
      const until = at ?? endMs
      track.wait = { leftPct: pct(from, startMs, total), widthPct: Math.max(0, pct(until, startMs, total) - pct(from, startMs, total)) }
    }
    if (from !== undefined && from < endMs && due !== undefined && stage.slaMs > 0) {
      track.sla = {
        leftPct: pct(from, startMs, total),
        widthPct: Math.max(0, pct(due, startMs, total) - pct(from, startMs, total)),
        beyond: due > endMs,
      }
    }
    return track
  })
  return { startMs, endMs, rows }
}
