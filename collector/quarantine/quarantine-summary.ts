/**
 * What the quarantine holds, kept in memory for the rejections list: counts by tenant and reason,
 * and each tenant's newest entries without their record text. Entries are counted once by id,
 * however often a crash had one written.
 */
import type { QuarantineEntry } from './quarantine-entry.ts'

/** Newest entries kept per tenant for the list. */
const RECENT_PER_TENANT = 200

/** An entry as the list shows it: everything but the record. */
export type QuarantineListing = Omit<QuarantineEntry, 'record' | 'columns'>

interface TenantShelf {
  readonly ids: Set<string>
  readonly byReason: Map<string, number>
  recent: QuarantineListing[]
}

/** Counts and newest entries of the quarantine, per tenant. */
export class QuarantineSummary {
  readonly #tenants = new Map<string, TenantShelf>()

  add(entry: QuarantineEntry): void {
    const shelf = this.#shelf(entry.tenant)
    if (shelf.ids.has(entry.id)) return
    shelf.ids.add(entry.id)
    shelf.byReason.set(entry.reason, (shelf.byReason.get(entry.reason) ?? 0) + 1)
    const { record: _record, columns: _columns, ...listing } = entry
    shelf.recent.push(listing)
    if (shelf.recent.length > RECENT_PER_TENANT * 2) shelf.recent = newest(shelf.recent, RECENT_PER_TENANT)
  }

  clear(): void {
    this.#tenants.clear()
  }

  /** Entries held for a tenant, by reason. */
  counts(tenant: string): Readonly<Record<string, number>> {
    return Object.fromEntries(this.#tenants.get(tenant)?.byReason ?? [])
  }

  /** Entries held, by reason, over all tenants (the spool's unreadable bytes included). */
  totals(): Readonly<Record<string, number>> {
    const totals: Record<string, number> = {}
    for (const shelf of this.#tenants.values()) for (const [reason, count] of shelf.byReason) totals[reason] = (totals[reason] ?? 0) + count
    return totals
  }

  /** A tenant's newest entries, newest first. */
  recent(tenant: string, limit: number): QuarantineListing[] {
    return newest(this.#tenants.get(tenant)?.recent ?? [], limit)
  }

  #shelf(tenant: string): TenantShelf {
    let shelf = this.#tenants.get(tenant)
    if (!shelf) {
      shelf = { ids: new Set(), byReason: new Map(), recent: [] }
      this.#tenants.set(tenant, shelf)
    }
    return shelf
  }
}

function newest(entries: readonly QuarantineListing[], limit: number): QuarantineListing[] {
  return [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit)
}
