/** The platform's log: library code reports through this, the entry point decides where it goes. */

/** Where the platform reports what happens. */
export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

/** A logger that drops everything, for tests that do not read the log. */
export const SILENT_LOGGER: Logger = { info: () => {}, warn: () => {}, error: () => {} }
