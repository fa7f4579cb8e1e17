/** Business keys in few words: `retail.order.id` reads as `order`. */

/** A business key's short name: `retail.order.id` → `order`, `retail.erp.document.id` → `erp document`; other names stay as they are. */
export function shortKeyName(key: string): string {
  const match = /^retail\.(.+?)(\.id)?$/.exec(key)
  return match?.[1] ? match[1].replace(/[._]/g, ' ') : key
}
