/**
 * Time buckets of the series the API answers and the dashboard draws: one rule for the bucket
 * step a window gets, and one for the age bands unposted money is grouped into.
 */

/** Bucket steps a window is rounded up to, in seconds, so charts line up on round times. */
const NICE_STEPS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400]

/** The smallest round step that splits a window into at most about 60 buckets, in seconds. */
export function autoStepSeconds(windowMs: number): number {
  const wanted = windowMs / 60 / 1000
  return NICE_STEPS.find((step) => step >= wanted) ?? NICE_STEPS[NICE_STEPS.length - 1]!
}

const HOUR = 3_600_000

/**
 * Age bands of money not in the books yet (settlements not posted, refunds not credited), each up
 * to its bound; the last has none. A settlement's posting is due 4 hours after its batch.
 */
export const POSTING_AGES = Object.freeze([
  { label: 'under 1 h', upToMs: HOUR },
  { label: '1–4 h', upToMs: 4 * HOUR },
  { label: '4–24 h', upToMs: 24 * HOUR },
  { label: '1–3 days', upToMs: 72 * HOUR },
  { label: 'over 3 days', upToMs: Number.POSITIVE_INFINITY },
] as const)

/** The label of an age band. */
export type PostingAge = (typeof POSTING_AGES)[number]['label']

/** The band an age falls in. */
export function postingAgeOf(ageMs: number): PostingAge {
  return (POSTING_AGES.find((band) => ageMs < band.upToMs) ?? POSTING_AGES[POSTING_AGES.length - 1]!).label
}

/** The ends of the buckets of `stepMs` a window spans: each round boundary after `fromMs` and before `toMs`, then `toMs`. */
export function bucketEnds(fromMs: number, toMs: number, stepMs: number): number[] {
  const ends: number[] = []
  for (let end = Math.floor(fromMs / stepMs) * stepMs + stepMs; end < toMs; end += stepMs) ends.push(end)
  ends.push(toMs)
  return ends
}
