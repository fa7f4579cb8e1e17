/** Durations as the config file and the API write them: `500ms`, `15s`, `5m`, `2h`, `24h`, `7d`. Shared by journeys and alerts. */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** The grammar of a duration, for schema validation. */
export const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)$/

/** Milliseconds of a duration text, or undefined when it does not follow the grammar. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/** Milliseconds as the config grammar writes them (`2h`, `90s`), the inverse of parseDuration; the largest exact unit wins. */
export function durationText(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= UNIT_MS[unit] && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`
  }
  return `${ms}ms`
}
