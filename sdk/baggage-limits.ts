import type { Baggage, BaggageEntry } from '@opentelemetry/api'
import type { KeyEntry } from './key-entries.ts'
import { warnOnce } from './warn.ts'

/** W3C baggage limits: members per header, bytes per header, bytes per member. */
export const BAGGAGE_LIMITS = { members: 64, bytes: 8192, memberBytes: 4096 } as const

// Measured as the W3C propagator writes a member: both sides URI-encoded, metadata as is.
function memberBytes(key: string, entry: BaggageEntry): number {
  const metadata = entry.metadata?.toString()
  return encodeURIComponent(key).length + 1 + encodeURIComponent(entry.value).length + (metadata ? 1 + metadata.length : 0)
}

/**
 * Adds the allow-listed entries to the baggage while it stays within the W3C limits. A key that
 * does not fit stays in this service only (spans here still carry it), with a one-time warning;
 * the propagator would otherwise cut the header at an arbitrary member.
 */
export function addKeysToBaggage(baggage: Baggage, entries: readonly KeyEntry[], allowed: ReadonlySet<string>): Baggage {
  let members = 0
  let bytes = 0
  for (const [key, entry] of baggage.getAllEntries()) {
    members += 1
    bytes += memberBytes(key, entry)
  }
  let result = baggage
  for (const [key, value] of entries) {
    if (!allowed.has(key)) continue
    const previous = result.getEntry(key)
    if (previous?.value === value) continue
    const previousBytes = previous ? memberBytes(key, previous) : 0
    const size = memberBytes(key, { value })
    const nextMembers = members + (previous ? 0 : 1)
    const nextBytes = bytes - previousBytes + size
    // Separators: one comma between each pair of members.
    const fits =
      size <= BAGGAGE_LIMITS.memberBytes && nextMembers <= BAGGAGE_LIMITS.members && nextBytes + nextMembers - 1 <= BAGGAGE_LIMITS.bytes
    if (fits) {
      result = result.setEntry(key, { value })
      members = nextMembers
      bytes = nextBytes
      continue
    }
    warnOnce(
      'baggage-limits',
      `baggage is full (W3C allows ${BAGGAGE_LIMITS.members} members and ${BAGGAGE_LIMITS.bytes} bytes); ` +
        `${key} and later keys that do not fit stay in this service`,
    )
    if (previous) {
      // An outer value must not travel on as if it were this one.
      result = result.removeEntry(key)
      members -= 1
      bytes -= previousBytes
    }
  }
  return result
}
