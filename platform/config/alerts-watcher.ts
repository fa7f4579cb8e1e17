/**
 * Reloads the alert rules when the config file changes. The directory is watched rather than
 * the file, because editors save by writing a new file and renaming it over the old one. A file
 * that no longer validates keeps the rules running and logs the bad field.
 */
import { watch, readFileSync } from 'node:fs'
import path from 'node:path'
import type { AlertsConfig } from '../../alerts/index.ts'
import type { JourneyDefinition } from '../../journeys/index.ts'
import type { Log } from '../../telemetry/index.ts'
import { ConfigError, reloadAlerts } from './settings.ts'

/** A running watch. */
export interface ConfigWatch {
  close(): void
}

/** Editors write in bursts; one reload per burst. */
const SETTLE_MS = 150

/** Watches `file`, handing each valid new `alerts:` section to `apply`. */
export function watchAlertRules(
  file: string,
  journeys: readonly JourneyDefinition[],
  apply: (config: AlertsConfig) => void,
  log: Log,
): ConfigWatch {
  const name = path.basename(file)
  let applied = safeRead(file)
  let timer: NodeJS.Timeout | undefined
  const reload = (): void => {
    const text = safeRead(file)
    if (text === undefined || text === applied) return
    applied = text
    try {
      apply(reloadAlerts(file, journeys))
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)
      log.error(`${file} changed, but the alert rules in it are not valid; the previous rules stay in force:\n${message}`)
    }
  }
  const watcher = watch(path.dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return
    clearTimeout(timer)
    timer = setTimeout(reload, SETTLE_MS)
  })
  watcher.on('error', (error) => log.error({ err: error }, `cannot watch ${file} for changes`))
  return {
    close() {
      clearTimeout(timer)
      watcher.close()
    },
  }
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    // Between an editor's unlink and rename the file is briefly missing; the next event reads it.
    return undefined
  }
}
