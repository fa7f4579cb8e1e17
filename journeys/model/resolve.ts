/**
 * Turns the config file's journeys into the definitions the platform runs: defaults adjusted
 * and extended, new types added, every cross-reference checked. Problems are values naming the
 * field (`journeys.1.stages.2.after`), so settings can report them all at once.
 */
import { err, ok, type Result } from '../../core/index.ts'
import type { JourneyEntry, JourneysSection } from './config-schema.ts'
import { parseDuration } from '../../core/index.ts'
import { journeyTypeOfStage, type JourneyDefinition, type StageDefinition } from './model.ts'

/** A problem in the journeys section, with the path of the bad field. */
export interface JourneyConfigIssue {
  readonly path: readonly (string | number)[]
  readonly message: string
}

/** The definitions, or every problem found. */
export type ResolvedJourneys = Result<readonly JourneyDefinition[], readonly JourneyConfigIssue[]>

type StageEntry = NonNullable<JourneyEntry['stages']>[number]

function mergeStages(
  entry: JourneyEntry,
  base: readonly StageDefinition[],
  at: (string | number)[],
  issues: JourneyConfigIssue[],
): StageDefinition[] {
  const result: StageDefinition[] = entry.replace_stages ? [] : [...base]
  ;(entry.stages ?? []).forEach((stage: StageEntry, j) => {
    const path = [...at, 'stages', j]
    if (journeyTypeOfStage(stage.name) !== entry.type)
      issues.push({ path: [...path, 'name'], message: `must start with '${entry.type}.': stage names carry their journey type` })
    const existing = result.findIndex((s) => s.name === stage.name)
    const previous = existing >= 0 ? result[existing] : undefined
    const slaMs = stage.sla !== undefined ? parseDuration(stage.sla)! : previous?.slaMs
    // Left out, the stage follows the last stage on the path listed before it (never a side stage).
    const lastOnPath = result.filter((s) => !s.side).at(-1)
    const after = stage.after ?? previous?.after ?? (lastOnPath ? [lastOnPath.name] : [])
    if (slaMs === undefined && after.length > 0)
      issues.push({ path: [...path, 'sla'], message: 'a new stage needs an sla (how long after the previous stage it is due)' })
    const listedBefore = new Set(result.slice(0, existing >= 0 ? existing : result.length).map((s) => s.name))
    const unknown = after.filter((name) => !listedBefore.has(name))
    if (unknown.length > 0)
      issues.push({ path: [...path, 'after'], message: `names ${unknown.join(', ')}, which is not a stage listed before ${stage.name}` })
    const side = stage.side ?? previous?.side
    const sideBefore = after.filter((name) => result.find((s) => s.name === name)?.side)
    if (sideBefore.length > 0)
      issues.push({ path: [...path, 'after'], message: `names ${sideBefore.join(', ')}, a side stage: no stage may follow one` })
    if (side && after.length === 0)
      issues.push({ path: [...path, 'side'], message: 'a side stage follows a stage on the path: give it after' })
    const branch = stage.branch ?? previous?.branch
    const perStore = stage.per_store ?? previous?.perStore
    const once = stage.once ?? previous?.once
    const role = stage.role ?? previous?.role
    if (role !== undefined && result.some((other) => other.name !== stage.name && other.role === role))
      issues.push({ path: [...path, 'role'], message: `'${role}' is already the role of another stage of ${entry.type}` })
    const merged: StageDefinition = Object.freeze({
      name: stage.name,
      after: Object.freeze([...after]),
      slaMs: slaMs ?? 0,
      match: Object.freeze([...(stage.match ?? previous?.match ?? [])]),
      ...(branch !== undefined ? { branch } : {}),
      ...(perStore ? { perStore: true } : {}),
      ...(once ? { once: true } : {}),
      ...(side ? { side: true } : {}),
      ...(role !== undefined ? { role } : {}),
    })
    if (existing >= 0) result[existing] = merged
    else result.push(merged)
  })
  return result
}

/** Merges the section into the defaults; `knownKeys` are the business keys (conventions and extra). */
export function resolveJourneys(
  section: JourneysSection | undefined,
  defaults: readonly JourneyDefinition[],
  knownKeys: readonly string[],
): ResolvedJourneys {
  const issues: JourneyConfigIssue[] = []
  const keys = new Set(knownKeys)
  const byType = new Map(defaults.map((journey) => [journey.type, journey]))
  const seen = new Set<string>()
  ;(section ?? []).forEach((entry, i) => {
    const at = ['journeys', i]
    if (seen.has(entry.type)) issues.push({ path: [...at, 'type'], message: `journey type '${entry.type}' is listed twice` })
    seen.add(entry.type)
    const base = byType.get(entry.type)
    if (!base && entry.root_key === undefined)
      issues.push({ path: [...at, 'root_key'], message: `is required for the new journey type '${entry.type}'` })
    if (entry.root_key !== undefined && !keys.has(entry.root_key))
      issues.push({ path: [...at, 'root_key'], message: `'${entry.root_key}' is not a business key; add it to keys.extra` })
    ;(entry.linked_keys ?? []).forEach((key, k) => {
      if (!keys.has(key)) issues.push({ path: [...at, 'linked_keys', k], message: `'${key}' is not a business key; add it to keys.extra` })
    })
    const stages = mergeStages(entry, base?.stages ?? [], at, issues)
    if (stages.length === 0) issues.push({ path: [...at, 'stages'], message: 'a journey needs at least one stage' })
    byType.set(
      entry.type,
      Object.freeze({
        type: entry.type,
        rootKey: entry.root_key ?? base?.rootKey ?? '',
        linkedKeys: Object.freeze([...(entry.linked_keys ?? base?.linkedKeys ?? [])]),
        stages: Object.freeze(stages),
      }),
    )
  })
  if (issues.length > 0) return err(issues)
  return ok(Object.freeze([...byType.values()]))
}
