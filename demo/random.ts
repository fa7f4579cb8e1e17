/**
 * A small seeded random source, so a demo run with the same seed produces the same orders,
 * stores, amounts and fault decisions (Math.random cannot be seeded).
 */

/** A deterministic pseudo-random sequence (mulberry32: tiny, fast, good enough for traffic). */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('Random.pick needs a non-empty list')
    return item
  }

  /** One element, chosen with the given relative weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [choice, weight] of choices) {
      roll -= weight
      if (roll < 0) return choice
    }
    const last = choices[choices.length - 1]
    if (last === undefined) throw new Error('Random.weighted needs at least one choice')
    return last[0]
  }

  /** A wait drawn from an exponential distribution: arrivals of a Poisson process. */
  exponential(meanMs: number): number {
    // Capped so one unlucky draw does not leave a live demo silent for minutes.
    return Math.min(-Math.log(1 - this.next()) * meanMs, meanMs * 4)
  }
}

/** A stable 32-bit hash of a text, to derive per-system and per-item seeds from one seed. */
export function hashSeed(seed: number, label: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0
  for (let index = 0; index < label.length; index++) {
    hash ^= label.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
