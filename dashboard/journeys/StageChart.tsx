/**
 * A journey's stages on one time axis: for each stage the wait since the stage before it, its
 * SLA as an outline, where it was reached, and by which system and span (a link to the trace);
 * on the current stage of an unfinished journey, how long that system has held it.
 */
import { EvidenceLink } from './EvidenceLink.tsx'
import type { JourneyResponse, JourneyStageView } from '../../core/index.ts'
import { formatDuration } from '../format/duration.ts'
import { formatCount } from '../format/number.ts'
import { formatTimestamp } from '../format/time.ts'
import { axisTicks } from '../trace/timeline.ts'
import { stageTrack } from './stageTrack.ts'
import { stageStateLabel } from './statuses.ts'

/** Props of one stage's facts; `holdingMs` is set on the current stage of a journey not yet complete. */
interface StageFactsProps {
  readonly stage: JourneyStageView
  readonly holdingMs?: number
}

function StageFacts({ stage, holdingMs }: StageFactsProps) {
  const sla = stage.slaMs > 0 ? ` (SLA ${formatDuration(stage.slaMs)})` : ''
  const timing =
    stage.at !== undefined
      ? `${formatTimestamp(stage.at).slice(11)}${stage.afterPreviousMs !== undefined ? `, ${formatDuration(stage.afterPreviousMs)} after ${stage.previous ?? 'the previous stage'}${sla}` : ''}`
      : stage.dueAt !== undefined && stage.state !== 'not_taken'
        ? `due ${formatTimestamp(stage.dueAt).slice(0, 19)}${sla}`
        : stage.state === 'not_taken'
          ? `branch ${stage.branch ?? ''} not taken`
          : `waits for the stage before it${sla}`
  const troubles = [
    stage.failures > 0 ? `${formatCount(stage.failures)} failed` : '',
    stage.retries > 0 ? `${formatCount(stage.retries)} retries` : '',
    stage.deadLetters > 0 ? `${formatCount(stage.deadLetters)} dead-lettered` : '',
  ].filter(Boolean)
  return (
    <div className="stage-facts">
      <div>{timing}</div>
      {stage.ref ? <EvidenceLink evidence={stage.ref} /> : null}
      {holdingMs !== undefined ? (
        <div className="holding">
          {stage.ref?.system || stage.ref?.service || 'its system'} has held it for {formatDuration(holdingMs)}
        </div>
      ) : null}
      {troubles.length > 0 ? <div className="error-text">{troubles.join(', ')}</div> : null}
      {stage.stores ? (
        <div className={stage.stores.missing.length > 0 ? 'warn-text' : 'muted'}>
          {formatCount(stage.stores.reached.length)} of {formatCount(stage.stores.expected)} stores
          {stage.stores.missing.length > 0
            ? `; missing ${stage.stores.missing.slice(0, 6).join(', ')}${stage.stores.missing.length > 6 ? '…' : ''}`
            : ''}
        </div>
      ) : null}
    </div>
  )
}

/** The stage chart of a journey. */
export function StageChart({ journey, nowMs }: { readonly journey: JourneyResponse; readonly nowMs: number }) {
  const layout = stageTrack(journey, nowMs)
  const total = layout.endMs - layout.startMs
  return (
    <figure className="stage-chart">
      <figcaption>
        Stages on a time axis from {formatTimestamp(journey.startedAt)}: bars are the wait since the stage before, outlines the SLA, dots
        when a stage was reached.
      </figcaption>
      <div className="stage-row stage-head">
        <span>Stage</span>
        <span className="stage-track" aria-label={`time since the journey started, 0 to ${formatDuration(total)}`}>
          {axisTicks(total, 3).map((tick, i, all) => (
            <span
              key={tick.pct}
              className={i === all.length - 1 ? 'wf-tick wf-tick-end' : 'wf-tick'}
              style={i === all.length - 1 ? { right: 0 } : { left: `${tick.pct}%` }}
            >
              +{formatDuration(tick.ms)}
            </span>
          ))}
        </span>
        <span>When, and which system</span>
      </div>
      <ol className="stage-rows">
        {layout.rows.map(({ stage, wait, sla, reachedPct }) => (
          <li key={stage.name} className={`stage-row stage-row-${stage.state}`}>
            <span className="stage-name">
              <span className="mono">{stage.name}</span>{' '}
              <span className={`badge badge-stage-${stage.state}`}>{stageStateLabel(stage.state)}</span>
            </span>
            <span className="stage-track">
              {sla ? (
                <span
                  className={sla.beyond ? 'stage-sla stage-sla-beyond' : 'stage-sla'}
                  style={{ left: `${sla.leftPct}%`, width: `${sla.widthPct}%` }}
                  title={`SLA ${formatDuration(stage.slaMs)}`}
                />
              ) : null}
              {wait ? <span className="stage-wait" style={{ left: `${wait.leftPct}%`, width: `${wait.widthPct}%` }} /> : null}
              {reachedPct !== undefined ? <span className="stage-dot" style={{ left: `${reachedPct}%` }} /> : null}
            </span>
            <StageFacts
              stage={stage}
              {...(stage.name === journey.currentStage && journey.status !== 'complete' && stage.at !== undefined
                ? { holdingMs: Math.max(0, nowMs - Date.parse(stage.at)) }
                : {})}
            />
          </li>
        ))}
      </ol>
    </figure>
  )
}
