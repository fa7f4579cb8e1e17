/** Alerts in words: the group they fired for, and their business impact. */
import type { AlertImpactView } from '../../core/index.ts'
import { formatCount } from '../format/number.ts'

/** The group an alert is for, as `store store-007, channel pos`; empty for an alert of the whole tenant. */
export function groupLabel(group: Readonly<Record<string, string>>): string {
  return Object.entries(group)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key.replace(/^retail\./, '').replace(/\.id$/, '')} ${value}`)
    .join(', ')
}

/** The impact in one line: `12 orders, 1,234.50 EUR, 3 stores`; empty when there is none. */
export function impactLabel(impact: AlertImpactView): string {
  const parts: string[] = []
  if (impact.count > 0) parts.push(`${formatCount(impact.count)} ${impact.unit}`)
  if (impact.amount > 0)
    parts.push(`${impact.amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${impact.currency}`.trim())
  if (impact.stores.length > 0) parts.push(`${formatCount(impact.stores.length)} ${impact.stores.length === 1 ? 'store' : 'stores'}`)
  return parts.join(', ')
}
