/**
 * A stable fingerprint of what a journey's status depends on: its root key and its stages with
 * their order, SLAs, branches and per-store flags. A stored evaluation is valid only under the
 * fingerprint it was made with, so a changed SLA in the config file never reads an old status.
 */
import { createHash } from 'node:crypto'
import { pathStages, type JourneyDefinition } from './model.ts'

/** The columns a summary holds; raised when they change, so every summary is written again with them. */
const SUMMARY_FORMAT = 2

/** The definition's fingerprint as a decimal UInt64. */
export function definitionHash(definition: JourneyDefinition): string {
  const shape = {
    // The summaries' shape: a new one (2: with the journey's amount) makes every summary be written again.
    format: SUMMARY_FORMAT,
    type: definition.type,
    rootKey: definition.rootKey,
    // Side stages (a tax posting) never change a status: adding one keeps the summaries made without it.
    stages: pathStages(definition).map((stage) => [
      stage.name,
      stage.slaMs,
      [...stage.after],
      stage.branch ?? null,
      stage.perStore === true,
    ]),
  }
  const digest = createHash('sha256').update(JSON.stringify(shape)).digest()
  return digest.readBigUInt64BE(0).toString()
}
