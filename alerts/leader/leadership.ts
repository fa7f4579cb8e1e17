/**
 * Which of several instances sharing one ClickHouse evaluates the rules and delivers: each writes
 * a heartbeat every round, and the leader is the live instance (a heartbeat within the ttl, a few
 * intervals) with the smallest id. A lease, not a lock. When an instance with a smaller id starts,
 * it leads at once and the old leader steps down at its next round: at most a brief overlap
 * during failover, in which both may evaluate and send; deliveries stay deduplicated by dedup_key
 * in the outbox and the paging tools (PagerDuty's dedup_key, Opsgenie's alias), and the alert
 * state keeps the latest write. When the leader dies, the next takes over once the dead one's
 * heartbeat is older than the ttl; one that stops cleanly releases its lease, and the next
 * takes over at its next round. Instances' clocks are assumed to agree well within an interval.
 */

/** An instance's latest heartbeat, epoch milliseconds. */
export interface Heartbeat {
  readonly instance: string
  readonly at: number
}

/** Where heartbeats are kept: shared by every instance. */
export interface LeaseStore {
  /** Records that `instance` is alive at `at`. */
  beat(instance: string, at: number): Promise<void>
  /** Withdraws `instance` from the election (a clean stop). */
  release(instance: string, at: number): Promise<void>
  /** Each instance's latest heartbeat at or after `since`, released ones left out. */
  heartbeats(since: number): Promise<Heartbeat[]>
}

/** The leader among the heartbeats: the smallest id of those within the ttl; none if none is live. */
export function leaderOf(heartbeats: readonly Heartbeat[], now: number, ttlMs: number): string | undefined {
  const live = heartbeats
    .filter((beat) => beat.at >= now - ttlMs)
    .map((beat) => beat.instance)
    .sort()
  return live[0]
}

/** One instance's part in the election. */
export interface Leadership {
  readonly instance: string
  /** Beats, then tells whether this instance leads now. */
  check(ttlMs: number): Promise<boolean>
  /** Leaves the election, so the next instance need not wait out the ttl. */
  release(): Promise<void>
}

/** The instance's election over a lease store. */
export function createLeadership(store: LeaseStore, instance: string, clock: () => number = Date.now): Leadership {
  return {
    instance,
    async check(ttlMs) {
      const now = clock()
      await store.beat(instance, now)
      return leaderOf(await store.heartbeats(now - ttlMs), now, ttlMs) === instance
    },
    release: () => store.release(instance, clock()),
  }
}

/** A lease store in memory: for unit tests, and to show the interface's meaning. */
export function memoryLeaseStore(): LeaseStore {
  const beats = new Map<string, number>()
  return {
    beat(instance, at) {
      beats.set(instance, Math.max(at, beats.get(instance) ?? 0))
      return Promise.resolve()
    },
    release(instance) {
      beats.delete(instance)
      return Promise.resolve()
    },
    heartbeats: (since) => Promise.resolve([...beats].filter(([, at]) => at >= since).map(([instance, at]) => ({ instance, at }))),
  }
}
