/** Silence an alert for a while (its notifications stop; it keeps being evaluated), or lift a silence. */
import { useState } from 'react'
import type { FormEvent } from 'react'
import type { AlertView } from '../../core/index.ts'
import { apiSend } from '../api/client.ts'
import { silencePath } from '../api/journeyPaths.ts'
import { Timestamp } from '../components/Timestamp.tsx'
import { SILENCE_CHOICES } from './alertValues.ts'

/** The silence form of one alert; `onChanged` refreshes the list once the API has answered. */
export function SilenceControl({ alert, onChanged }: { readonly alert: AlertView; readonly onChanged: () => void }) {
  const [length, setLength] = useState<string>('2h')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  const send = async (method: 'POST' | 'DELETE'): Promise<void> => {
    setBusy(true)
    setError(undefined)
    const result = await apiSend<AlertView>(
      method,
      silencePath(alert.dedupKey),
      method === 'POST' ? { for: length, reason: reason.trim() } : undefined,
    )
    setBusy(false)
    if (!result.ok) setError(result.error.message)
    else onChanged()
  }
  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    void send('POST')
  }

  if (alert.silence) {
    return (
      <div className="silence">
        <span className="badge badge-silenced">silenced</span> until <Timestamp iso={alert.silence.until} />
        {alert.silence.reason ? <span className="muted"> · {alert.silence.reason}</span> : null}{' '}
        <button type="button" className="button" disabled={busy} onClick={() => void send('DELETE')}>
          Lift the silence
        </button>
        {error ? <span className="error-text"> {error}</span> : null}
      </div>
    )
  }
  return (
    <form className="silence" onSubmit={submit} aria-label={`Silence ${alert.rule}`}>
      <label>
        <span>Silence for</span>{' '}
        <select value={length} onChange={(e) => setLength(e.target.value)}>
          {SILENCE_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      </label>{' '}
      <input
        type="text"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder="why (optional)"
        maxLength={500}
        aria-label="Reason"
      />{' '}
      <button type="submit" className="button" disabled={busy}>
        Silence
      </button>
      {error ? <span className="error-text"> {error}</span> : null}
    </form>
  )
}
