/**
 * What the query API answers about journeys: one journey, lists, and the types in force (the
 * aggregates are in ./journey-stats-api.ts). Schemas for the server, types for the dashboard.
 */
import { z } from 'zod'
import { JOURNEY_STATUSES } from './journey-status.ts'
import { deadLetterReplaySchema } from './estate-api.ts'

export const journeyStatusSchema = z
  .enum(JOURNEY_STATUSES)
  .meta({ id: 'JourneyStatus', description: 'Where a journey stands, as the contract defines it.' })

export const journeyStageStateSchema = z.enum(['reached', 'late', 'failed', 'overdue', 'missing', 'pending', 'not_taken']).meta({
  id: 'JourneyStageState',
  description:
    'Where one stage stands: reached (on time or late), failed (only failed spans), overdue (due and not reached), missing (skipped: a later stage was reached without it), pending (not yet due), not_taken (a branch the journey did not take).',
})
export type JourneyStageState = z.infer<typeof journeyStageStateSchema>

export const journeySpanRefSchema = z
  .object({
    traceId: z.string(),
    spanId: z.string(),
    service: z.string(),
    system: z.string().describe('`retail.system`; empty when unknown.'),
    span: z.string().describe("The span's name; for a log record, its event name or `log`."),
    log: z
      .literal(true)
      .optional()
      .describe(
        'Present when the evidence is a log record, not a span: spanId is then the record id, and traceId empty when it had no trace.',
      ),
  })
  .meta({ id: 'JourneySpanRef', description: 'The span that reached a stage, or that a timeline entry points at.' })
export type JourneySpanRef = z.infer<typeof journeySpanRefSchema>

export const journeyStoreHitSchema = z
  .object({
    store: z.string(),
    at: z.string(),
    late: z.boolean(),
    ref: journeySpanRefSchema,
  })
  .meta({ id: 'JourneyStoreHit', description: "One store's part of a once-per-store stage (a promotion live in a store)." })
export type JourneyStoreHit = z.infer<typeof journeyStoreHitSchema>

export const journeyStageViewSchema = z
  .object({
    name: z.string(),
    state: journeyStageStateSchema,
    reached: z.boolean(),
    late: z.boolean(),
    missing: z.boolean().describe('Skipped, or due and not reached.'),
    slaMs: z.number().describe('The SLA, measured from the previous stage.'),
    branch: z.string().optional(),
    at: z.string().optional().describe('When it was first reached by a span that did not fail.'),
    previous: z.string().optional().describe('The stage it followed.'),
    afterPreviousMs: z.number().optional().describe('How long after the previous stage it was reached.'),
    dueAt: z.string().optional().describe('When it is or was due, when the stage before it was reached.'),
    ref: journeySpanRefSchema.optional().describe('Which system and span reached it.'),
    attempts: z.number().describe('Spans that marked the stage, failed ones included.'),
    failures: z.number(),
    retries: z.number(),
    deadLetters: z.number(),
    stores: z
      .object({ expected: z.number(), reached: z.array(journeyStoreHitSchema).readonly(), missing: z.array(z.string()).readonly() })
      .optional()
      .describe('For a once-per-store stage: the stores targeted, reached, and still missing.'),
  })
  .meta({ id: 'JourneyStageView', description: 'One stage of a journey.' })
export type JourneyStageView = z.infer<typeof journeyStageViewSchema>

export const journeyPostingSchema = z
  .object({
    document: z.string().describe('What the posting produced, as a person names it: `ERP document 4711`, `payment PAY-9`, or its trace.'),
    ref: journeySpanRefSchema,
    amount: z.number().optional().describe('`retail.amount` of the posting, when it carried one.'),
    currency: z.string().optional(),
  })
  .meta({ id: 'JourneyPosting', description: 'One posting of a once-only stage: its document, its span and its amount.' })
export type JourneyPosting = z.infer<typeof journeyPostingSchema>

export const journeyProblemSchema = z
  .object({
    kind: z.enum(['error', 'dead_letter', 'retry', 'duplicate']),
    at: z.string(),
    message: z.string(),
    ref: journeySpanRefSchema,
    duplicate: z
      .object({ stage: z.string(), first: journeyPostingSchema, again: journeyPostingSchema })
      .optional()
      .describe('For a duplicate: the once-only stage, the first posting and the one that repeated it.'),
    replay: deadLetterReplaySchema
      .optional()
      .describe('For a dead letter: what became of it (replayed and processed, still waiting, ...).'),
  })
  .meta({
    id: 'JourneyProblem',
    description: "An error, retry or dead letter on a journey's path, or a once-only stage reached by a second document.",
  })
export type JourneyProblem = z.infer<typeof journeyProblemSchema>

export const linkedJourneySummarySchema = z
  .object({
    type: z.string(),
    key: z.string(),
    status: journeyStatusSchema,
    currentStage: z.string().optional(),
    stagesReached: z.number(),
    stageCount: z.number(),
  })
  .meta({ id: 'LinkedJourneySummary', description: "A linked journey in short: an order's return, its settlement." })
export type LinkedJourneySummary = z.infer<typeof linkedJourneySummarySchema>

export const journeyLinkedKeySchema = z
  .object({
    key: z.string(),
    value: z.string(),
    depth: z.number().describe('Hops from the root key.'),
    via: z.object({ key: z.string(), value: z.string() }).describe('The key it was reached from.'),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .meta({
    id: 'JourneyLinkedKey',
    description: 'A business key stitched into a journey through a span that carried it beside another key.',
  })
export type JourneyLinkedKey = z.infer<typeof journeyLinkedKeySchema>

export const journeySkippedKeySchema = z
  .object({
    key: z.string(),
    value: z.string(),
    neighbours: z.number().describe('Keys it links to, counted up to a bound.'),
    reason: z.string(),
  })
  .meta({
    id: 'JourneySkippedKey',
    description: 'A key left out of the stitching because it links to too many others (a key reused by accident).',
  })
export type JourneySkippedKey = z.infer<typeof journeySkippedKeySchema>

export const journeyTraceSchema = z
  .object({
    traceId: z.string(),
    startTime: z.string(),
    endTime: z.string(),
    via: z.enum(['key', 'link']).describe('Found through a business key, or through a span link (a queue hop) from such a trace.'),
  })
  .meta({ id: 'JourneyTrace', description: 'A trace that belongs to a journey.' })
export type JourneyTrace = z.infer<typeof journeyTraceSchema>

export const journeyTimelineEntrySchema = z
  .object({
    at: z.string(),
    kind: z.enum(['stage', 'error', 'dead_letter', 'replay', 'retry', 'duplicate']),
    journey: z.object({ type: z.string(), key: z.string() }),
    stage: z.string().optional(),
    message: z.string().optional(),
    ref: journeySpanRefSchema,
  })
  .meta({
    id: 'JourneyTimelineEntry',
    description: "One entry of a journey's timeline: a stage reached (its own or a linked journey's) or a problem.",
  })
export type JourneyTimelineEntry = z.infer<typeof journeyTimelineEntrySchema>

export const journeyResponseSchema = z
  .object({
    type: z.string(),
    key: z.string(),
    rootKey: z.string(),
    status: journeyStatusSchema,
    late: z.boolean().describe('True when any stage came after its SLA, whatever the status.'),
    startedAt: z.string(),
    lastActivityAt: z.string(),
    currentStage: z.string().optional(),
    currentSystem: z.string().optional().describe('The system that reached the current stage: who holds it now.'),
    branch: z.string().optional().describe('The branch taken (`ship`, `pickup`), when the journey type has branches.'),
    stages: z.array(journeyStageViewSchema).readonly(),
    problems: z.array(journeyProblemSchema).readonly(),
    linkedKeys: z.array(journeyLinkedKeySchema).readonly(),
    linkedJourneys: z.array(linkedJourneySummarySchema).readonly(),
    skippedKeys: z.array(journeySkippedKeySchema).readonly(),
    traces: z.array(journeyTraceSchema).readonly(),
    timeline: z.array(journeyTimelineEntrySchema).readonly(),
    truncated: z.object({ keys: z.boolean(), traces: z.boolean(), spans: z.boolean() }).describe('What was cut to stay within bounds.'),
  })
  .meta({
    id: 'JourneyResponse',
    description: '`GET /api/journeys/{type}/{key}`: one journey stitched across traces, systems and linked keys.',
  })
export type JourneyResponse = z.infer<typeof journeyResponseSchema>

export const journeySummarySchema = z
  .object({
    type: z.string(),
    key: z.string(),
    status: journeyStatusSchema,
    late: z.boolean(),
    startedAt: z.string(),
    lastActivityAt: z.string(),
    ageMs: z.number(),
    currentStage: z.string(),
    currentSystem: z.string(),
    store: z.string().describe("The journey's store, when it has exactly one."),
    channel: z.string(),
    region: z.string(),
    stagesReached: z.number(),
    stageCount: z.number(),
    amount: z.number().optional().describe('The largest `retail.amount` its stages carried: the order, sale, refund or settlement value.'),
    currency: z.string().optional(),
  })
  .meta({ id: 'JourneySummary', description: 'One journey in a list.' })
export type JourneySummary = z.infer<typeof journeySummarySchema>

export const journeyListResponseSchema = z
  .object({
    type: z.string().describe('The type asked for; empty when the list spans every type.'),
    total: z.number(),
    limit: z.number(),
    offset: z.number(),
    journeys: z.array(journeySummarySchema).readonly(),
  })
  .meta({ id: 'JourneyListResponse', description: '`GET /api/journeys`: a page of journeys and the total that match.' })
export type JourneyListResponse = z.infer<typeof journeyListResponseSchema>

export const journeyStageTypeSchema = z
  .object({
    name: z.string(),
    after: z.array(z.string()).readonly().describe('Stages it may follow; empty for one that starts the journey.'),
    slaMs: z.number(),
    branch: z.string().optional(),
    perStore: z.boolean().optional(),
    side: z.boolean().optional().describe("Beside the journey's path (a tax posting): its status never waits for it."),
    role: z.string().optional().describe('Its part in the statistics (`published`, `erp_posted`, ...), by name or as configured.'),
  })
  .meta({ id: 'JourneyStageType', description: 'A stage of a journey type as `GET /api/journeys/types` describes it.' })
export type JourneyStageType = z.infer<typeof journeyStageTypeSchema>

export const journeyTypeViewSchema = z
  .object({
    type: z.string(),
    rootKey: z.string(),
    linkedKeys: z.array(z.string()).readonly(),
    stages: z.array(journeyStageTypeSchema).readonly(),
  })
  .meta({ id: 'JourneyTypeView', description: 'A journey type in force: a default, adjusted or added by the config file.' })
export type JourneyTypeView = z.infer<typeof journeyTypeViewSchema>

export const journeyTypesResponseSchema = z
  .object({
    types: z.array(journeyTypeViewSchema).readonly(),
  })
  .meta({ id: 'JourneyTypesResponse', description: '`GET /api/journeys/types`: the journey types in force, in order.' })
export type JourneyTypesResponse = z.infer<typeof journeyTypesResponseSchema>
