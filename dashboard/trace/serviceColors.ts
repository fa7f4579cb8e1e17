/** One colour per service in a trace, so a reader can follow a service down the waterfall. */

/** Distinguishable on white and free of the red that marks errors. */
export const SERVICE_PALETTE: readonly string[] = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
  '#86bcb6',
  '#bab0ac',
]

/** A colour for each distinct service, assigned in name order so a trace always draws the same way. */
export function assignServiceColors(services: Iterable<string>): Map<string, string> {
  const names = [...new Set(services)].sort()
  return new Map(names.map((name, i) => [name, SERVICE_PALETTE[i % SERVICE_PALETTE.length] ?? '#888888']))
}
