/**
 * Keeps a record in a map that holds at most `limit` of them, dropping the oldest: journeys that
 * stall never come back for their record, and a live demo runs for hours.
 */
export function remember<K, V>(records: Map<K, V>, key: K, value: V, limit = 5_000): void {
  records.set(key, value)
  if (records.size <= limit) return
  const oldest = records.keys().next()
  if (oldest.done !== true) records.delete(oldest.value)
}
