/**
 * The zone every time on screen is shown in: the browser's own (the default) or UTC, switched in
 * the header and remembered in the browser. The formatters read it when no zone is given.
 */
import { storedChoice } from '../settings/storedChoice.ts'

/** The zones the reader may pick. */
export type DisplayZone = 'local' | 'UTC'

const zone = storedChoice<DisplayZone>('throughline.timeZone', ['local', 'UTC'], 'local')

/** The IANA zone to format in, or undefined for the browser's own. */
export function displayTimeZone(): string | undefined {
  return zone.get() === 'UTC' ? 'UTC' : undefined
}

/** Shows every time in `zone` from now on, and remembers it. */
export const setDisplayZone = (value: DisplayZone): void => zone.set(value)

/** The zone picked, re-rendering the caller when it changes. */
export const useDisplayZone = (): DisplayZone => zone.use()
