/** Round times for a chart's time axis: every 5 or 10 minutes, every hour, every day, whatever fits. */

const MINUTE = 60_000
const TICK_STEPS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  2 * 60 * MINUTE,
  3 * 60 * MINUTE,
  6 * 60 * MINUTE,
  12 * 60 * MINUTE,
  24 * 60 * MINUTE,
]

/** Ticks at whole multiples of a round step inside the window, at most `maxTicks` of them. */
export function timeTicks(fromMs: number, toMs: number, maxTicks = 7): number[] {
  if (!(toMs > fromMs)) return []
  const step = TICK_STEPS.find((s) => (toMs - fromMs) / s <= maxTicks) ?? TICK_STEPS[TICK_STEPS.length - 1]!
  const ticks: number[] = []
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t)
  return ticks
}
