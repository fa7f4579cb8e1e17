import { parseArgs } from 'node:util'
import { STORE_LIMITS } from './catalogue.ts'
import type { FaultMix, FaultName } from './faults.ts'
import { DEFAULT_FAULTS, FAULT_DESCRIPTIONS, FAULT_NAMES, NAMED_FAULT_INTENSITY, NO_FAULTS, describeFaults, isFaultName } from './faults.ts'
import type { DemoOptions, JourneyCounts } from './options.ts'
import { NO_JOURNEYS, defaultDemoOptions } from './options.ts'

/** A command-line flag of the demo that cannot be used; `flag` names it. */
export class DemoFlagError extends Error {
  constructor(
    readonly flag: string,
    problem: string,
  ) {
    super(`${flag}: ${problem}`)
    this.name = 'DemoFlagError'
  }
}

const COUNT_FLAGS: Readonly<Record<string, keyof JourneyCounts>> = {
  '--demo-orders': 'orders',
  '--demo-sales': 'sales',
  '--demo-returns': 'returns',
  '--demo-promotions': 'promotions',
  '--demo-settlements': 'settlements',
}

const VALUE_FLAGS = ['--demo-rate', '--demo-seed', '--demo-stores', '--demo-faults', ...Object.keys(COUNT_FLAGS)]

/** The demo flags and what they take, for a `--help` text. */
export const DEMO_FLAG_HELP: Readonly<Record<string, string>> = {
  '--demo-rate <x>': 'traffic multiplier, 0.05 to 100 (default 1: an order every ~2 s)',
  '--demo-seed <n>': 'seed for ids, amounts and faults (default: from the clock)',
  '--demo-stores <n>': `stores open, ${STORE_LIMITS.min} to ${STORE_LIMITS.max} (default 6)`,
  '--demo-faults <list>': `none, or name[:intensity],... (default ${describeFaults(DEFAULT_FAULTS)}), intensity 0 to 1 of:\n${FAULT_NAMES.map((name) => `${' '.repeat(27)}${name.padEnd(20)} ${FAULT_DESCRIPTIONS[name]}`).join('\n')}`,
  '--demo-orders <n>': 'bounded run: send n orders (likewise --demo-sales, -returns, -promotions, -settlements)',
}

function parseNumber(flag: string, text: string, min: number, max: number, integer: boolean): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new DemoFlagError(flag, `expected a number, got ${JSON.stringify(text)}`)
  if (integer && !Number.isInteger(value)) throw new DemoFlagError(flag, `expected a whole number, got ${text}`)
  if (value < min || value > max) throw new DemoFlagError(flag, `expected ${min} to ${max}, got ${text}`)
  return value
}

/** Parses `none` or `slow-erp,drop-message:0.2` into a fault mix. */
function parseFaultList(flag: string, text: string): FaultMix {
  if (text.trim() === 'none') return NO_FAULTS
  const mix: Record<FaultName, number> = { ...NO_FAULTS }
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue
    const [name = '', intensity] = entry.split(':')
    if (!isFaultName(name)) throw new DemoFlagError(flag, `unknown fault ${JSON.stringify(name)}; known: ${FAULT_NAMES.join(', ')}`)
    mix[name] = intensity === undefined ? NAMED_FAULT_INTENSITY[name] : parseNumber(`${flag} ${name}`, intensity, 0, 1, false)
  }
  return mix
}

/** The demo's flags as `node:util` parseArgs takes them, for a command line that has its own flags too. */
export const DEMO_FLAG_OPTIONS = Object.fromEntries(VALUE_FLAGS.map((flag) => [flag.slice(2), { type: 'string' as const }])) as Record<
  string,
  { readonly type: 'string' }
>

/**
 * Demo options from the values parseArgs read (`values['demo-rate']`, ...); a bad value throws a
 * DemoFlagError that names the flag. Values of other flags are left alone.
 */
export function demoOptionsOf(values: Readonly<Record<string, unknown>>, now: number = Date.now()): DemoOptions {
  const defaults = defaultDemoOptions(now)
  let { rate, seed, stores, faults } = defaults
  let journeys: Record<keyof JourneyCounts, number> | undefined
  for (const flag of VALUE_FLAGS) {
    const raw = values[flag.slice(2)]
    if (raw === undefined) continue
    if (typeof raw !== 'string' || raw.trim() === '') throw new DemoFlagError(flag, 'expects a value')
    const value = raw.trim()
    const countKey = COUNT_FLAGS[flag]
    if (countKey !== undefined) {
      journeys = { ...(journeys ?? NO_JOURNEYS), [countKey]: parseNumber(flag, value, 0, 100_000, true) }
      continue
    }
    switch (flag) {
      case '--demo-rate':
        rate = parseNumber(flag, value, 0.05, 100, false)
        break
      case '--demo-seed':
        seed = parseNumber(flag, value, 0, 2_147_483_647, true)
        break
      case '--demo-stores':
        stores = parseNumber(flag, value, STORE_LIMITS.min, STORE_LIMITS.max, true)
        break
      case '--demo-faults':
        faults = parseFaultList(flag, value)
        break
    }
  }
  return journeys === undefined ? { rate, seed, stores, faults } : { rate, seed, stores, faults, journeys }
}

/** Demo options from a command line of demo flags only (`--flag value` or `--flag=value`); an unknown flag is refused. */
export function parseDemoFlags(argv: readonly string[], now: number = Date.now()): DemoOptions {
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args: [...argv], options: DEMO_FLAG_OPTIONS, strict: true, allowPositionals: false }).values
  } catch (error) {
    const flag = /'(--[a-z-]+)'/.exec(error instanceof Error ? error.message : '')?.[1] ?? argv.find((arg) => arg.startsWith('--')) ?? ''
    throw new DemoFlagError(
      flag,
      error instanceof Error && /argument missing/.test(error.message)
        ? 'expects a value'
        : `unknown demo flag; known: ${VALUE_FLAGS.join(', ')}`,
    )
  }
  return demoOptionsOf(values, now)
}
