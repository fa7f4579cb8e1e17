/**
 * A journey timeline in runs: consecutive entries of the same kind, stage, journey and system are
 * one run (`settlement.captured` ×18), so a journey with many repeats reads as a story. Pure.
 */
import type { JourneyTimelineEntry } from '../../core/index.ts'

/** One or more consecutive entries that say the same thing. */
export interface TimelineRun {
  readonly first: JourneyTimelineEntry
  readonly entries: readonly JourneyTimelineEntry[]
}

/** What makes two entries the same for grouping; a problem's message is part of it, a stage's is not. */
function sameness(entry: JourneyTimelineEntry): string {
  const message = entry.kind === 'stage' ? '' : (entry.message ?? '')
  return [entry.kind, entry.stage ?? '', entry.journey.type, entry.journey.key, entry.ref.system, entry.ref.service, message].join('\u0000')
}

/** The entries, in the order given, as runs of consecutive repeats. */
export function timelineRuns(entries: readonly JourneyTimelineEntry[]): TimelineRun[] {
  const runs: { first: JourneyTimelineEntry; entries: JourneyTimelineEntry[]; id: string }[] = []
  for (const entry of entries) {
    const id = sameness(entry)
    const last = runs.at(-1)
    if (last !== undefined && last.id === id) last.entries.push(entry)
    else runs.push({ first: entry, entries: [entry], id })
  }
  return runs.map(({ first, entries: run }) => ({ first, entries: run }))
}
