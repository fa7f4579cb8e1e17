/**
 * Silences: an alert's triggers and reminders are held back until a moment, then it pages again
 * if it still fires. A silence lives on the alert it mutes and expires on its own.
 */
import { err, ok, type Result } from '../core/index.ts'
import type { AlertRecord } from './alert-record.ts'

/** The longest silence: long enough for a weekend, short enough that nobody forgets one. */
const MAX_SILENCE_MS = 30 * 86_400_000

/** The result of asking for a silence. */
export type SilenceResult = Result<AlertRecord, string>

/** Silences an alert until `until` (epoch ms). */
export function silence(record: AlertRecord, until: number, reason: string, now: number, historyLimit = 50): SilenceResult {
  if (!Number.isFinite(until) || until <= now) return err('the silence must end in the future')
  if (until - now > MAX_SILENCE_MS) return err('a silence lasts at most 30 days')
  const note = `silenced until ${new Date(until).toISOString()}${reason ? `: ${reason}` : ''}`
  return ok({
    ...record,
    silencedUntil: until,
    silenceReason: reason,
    history: [...record.history, { at: now, state: record.state, value: record.value, note }].slice(-historyLimit),
  })
}

/** Lifts a silence before it expires. */
export function unsilence(record: AlertRecord, now: number, historyLimit = 50): AlertRecord {
  const { silencedUntil: _until, silenceReason: _reason, ...rest } = record
  return {
    ...rest,
    history: [...rest.history, { at: now, state: rest.state, value: rest.value, note: 'silence lifted' }].slice(-historyLimit),
  }
}
