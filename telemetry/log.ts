/**
 * The platform's log: JSON lines (time, level, message and fields) for machines, or the pretty
 * console lines `npm start` shows a person at a terminal. Library code takes a `Log` and never
 * decides where it goes.
 */
import { pino, type Logger } from 'pino'
import pretty from 'pino-pretty'

/** A structured logger: `log.info({ tenant }, 'message')`, `log.error({ err }, 'message')`. */
export type Log = Logger

/** The levels THROUGHLINE_LOG_LEVEL takes, quietest last. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** JSON lines for a log collector, or pretty lines for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/** Where and how to log. */
export interface LogOptions {
  readonly level: LogLevel
  readonly format: LogFormat
  /** Defaults to stdout; tests pass a stream of their own. */
  readonly destination?: NodeJS.WritableStream
}

/** A log that drops everything, for tests and benchmarks that do not read it. */
export const SILENT_LOG: Log = pino({ level: 'silent' })

/** Opens the process's log. Writes are synchronous, so a line logged before a crash is not lost. */
export function createLog(options: LogOptions): Log {
  const settings = {
    level: options.level,
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  }
  if (options.format === 'pretty') {
    const colorize = options.destination === undefined && process.stdout.isTTY
    return pino(
      settings,
      pretty({ sync: true, colorize, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss', destination: options.destination ?? 1 }),
    )
  }
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: true }))
}
