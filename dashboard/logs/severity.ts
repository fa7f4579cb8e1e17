/** OTLP severity numbers as people read them: TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24. */
const NAMES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const

/** The severity's name: the sender's own text when it gave one, else the band of its number. */
export function severityLabel(number: number, text: string): string {
  if (text !== '') return text
  if (number < 1 || number > 24) return 'UNSPECIFIED'
  return NAMES[Math.floor((number - 1) / 4)]!
}

/** The badge class a severity is shown with: errors and fatals red, warnings amber, the rest plain. */
export function severityBadge(number: number): string {
  if (number >= 17) return 'badge-sev-error'
  if (number >= 13) return 'badge-sev-warning'
  return 'badge-sev-info'
}
