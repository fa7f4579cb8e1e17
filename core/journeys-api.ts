/** What the query API answers about journeys: one journey, lists, aggregates, and the types in force. */

/** Where a journey stands, as the contract defines it. */
export type JourneyStatus = 'in_progress' | 'late' | 'stalled' | 'failed' | 'complete'

/**
 * Where one stage stands: reached (on time or late), failed (only failed spans), overdue (due and
 * not reached), missing (skipped: a later stage was reached without it), pending (not yet due),
 * not_taken (a branch the journey did not take).
 */
export type JourneyStageState = 'reached' | 'late' | 'failed' | 'overdue' | 'missing' | 'pending' | 'not_taken'

/** The span that reached a stage, or that a timeline entry points at. */
export interface JourneySpanRef {
  readonly traceId: string
  readonly spanId: string
  readonly service: string
  /** `retail.system`; empty when unknown. */
  readonly system: string
  /** The span's name. */
  readonly span: string
}

/** One store's part of a once-per-store stage (a promotion live in a store). */
export interface JourneyStoreHit {
  readonly store: string
  readonly at: string
  readonly late: boolean
  readonly ref: JourneySpanRef
}

/** One stage of a journey. */
export interface JourneyStageView {
  readonly name: string
  readonly state: JourneyStageState
  readonly reached: boolean
  readonly late: boolean
  /** Skipped, or due and not reached. */
  readonly missing: boolean
  /** The SLA, measured from the previous stage. */
  readonly slaMs: number
  readonly branch?: string
  /** When it was first reached by a span that did not fail. */
  readonly at?: string
  /** The stage it followed and how long after it. */
  readonly previous?: string
  readonly afterPreviousMs?: number
  /** When it is or was due, when the stage before it was reached. */
  readonly dueAt?: string
  /** Which system and span reached it. */
  readonly ref?: JourneySpanRef
  /** Spans that marked the stage, failed ones included. */
  readonly attempts: number
  readonly failures: number
  readonly retries: number
  readonly deadLetters: number
  /** For a once-per-store stage: the stores targeted, reached, and still missing. */
  readonly stores?: { readonly expected: number; readonly reached: readonly JourneyStoreHit[]; readonly missing: readonly string[] }
}

/** An error, retry or dead letter on a journey's path. */
export interface JourneyProblem {
  readonly kind: 'error' | 'dead_letter' | 'retry'
  readonly at: string
  readonly message: string
  readonly ref: JourneySpanRef
}

/** A linked journey in short: an order's return, its settlement. */
export interface LinkedJourneySummary {
  readonly type: string
  readonly key: string
  readonly status: JourneyStatus
  readonly currentStage?: string
  readonly stagesReached: number
  readonly stageCount: number
}

/** A business key stitched into a journey through a span that carried it beside another key. */
export interface JourneyLinkedKey {
  readonly key: string
  readonly value: string
  /** Hops from the root key. */
  readonly depth: number
  /** The key it was reached from. */
  readonly via: { readonly key: string; readonly value: string }
  readonly firstSeen: string
  readonly lastSeen: string
}

/** A key left out of the stitching because it links to too many others (a key reused by accident). */
export interface JourneySkippedKey {
  readonly key: string
  readonly value: string
  /** Keys it links to, counted up to a bound. */
  readonly neighbours: number
  readonly reason: string
}

/** A trace that belongs to a journey. */
export interface JourneyTrace {
  readonly traceId: string
  readonly startTime: string
  readonly endTime: string
  /** Found through a business key, or through a span link (a queue hop) from such a trace. */
  readonly via: 'key' | 'link'
}

/** One entry of a journey's timeline: a stage reached (its own or a linked journey's) or a problem. */
export interface JourneyTimelineEntry {
  readonly at: string
  readonly kind: 'stage' | 'error' | 'dead_letter' | 'retry'
  readonly journey: { readonly type: string; readonly key: string }
  readonly stage?: string
  readonly message?: string
  readonly ref: JourneySpanRef
}

/** `GET /api/journeys/{type}/{key}`: one journey stitched across traces, systems and linked keys. */
export interface JourneyResponse {
  readonly type: string
  readonly key: string
  readonly rootKey: string
  readonly status: JourneyStatus
  /** True when any stage came after its SLA, whatever the status. */
  readonly late: boolean
  readonly startedAt: string
  readonly lastActivityAt: string
  readonly currentStage?: string
  /** The system that reached the current stage: who holds it now. */
  readonly currentSystem?: string
  /** The branch taken (`ship`, `pickup`), when the journey type has branches. */
  readonly branch?: string
  readonly stages: readonly JourneyStageView[]
  readonly problems: readonly JourneyProblem[]
  readonly linkedKeys: readonly JourneyLinkedKey[]
  readonly linkedJourneys: readonly LinkedJourneySummary[]
  readonly skippedKeys: readonly JourneySkippedKey[]
  readonly traces: readonly JourneyTrace[]
  readonly timeline: readonly JourneyTimelineEntry[]
  /** What was cut to stay within bounds. */
  readonly truncated: { readonly keys: boolean; readonly traces: boolean; readonly spans: boolean }
}

/** One journey in a list. */
export interface JourneySummary {
  readonly type: string
  readonly key: string
  readonly status: JourneyStatus
  readonly late: boolean
  readonly startedAt: string
  readonly lastActivityAt: string
  readonly ageMs: number
  readonly currentStage: string
  readonly currentSystem: string
  /** The journey's store, when it has exactly one. */
  readonly store: string
  readonly channel: string
  readonly region: string
  readonly stagesReached: number
  readonly stageCount: number
}

/** `GET /api/journeys?type=&status=&store=&channel=&region=&from=&to=&limit=&offset=&sort=`. */
export interface JourneyListResponse {
  /** The type asked for; empty when the list spans every type. */
  readonly type: string
  readonly total: number
  readonly limit: number
  readonly offset: number
  readonly journeys: readonly JourneySummary[]
}

/** `GET /api/journeys/stats/status`: journeys per type and status. */
export interface JourneyStatusCountsResponse {
  readonly types: readonly { readonly type: string; readonly total: number; readonly counts: Readonly<Record<JourneyStatus, number>> }[]
}

/** `GET /api/journeys/stats/latency`: time between stages, per store, channel or region. */
export interface StageLatencyResponse {
  readonly type: string
  readonly by: 'store' | 'channel' | 'region' | 'none'
  readonly transitions: readonly { readonly from: string; readonly to: string; readonly group: string; readonly count: number; readonly p50Ms: number; readonly p95Ms: number; readonly p99Ms: number }[]
}

/** `GET /api/journeys/stats/promotions`: how far each promotion has reached the stores. */
export interface PromotionPropagationResponse {
  readonly promotions: readonly {
    readonly promotionId: string
    readonly publishedAt?: string
    readonly storesTargeted: number
    readonly storesLive: number
    /** Targeted stores not live yet, at most 50. */
    readonly missingStores: readonly string[]
    readonly p95LiveMs?: number
  }[]
  readonly stores: readonly { readonly store: string; readonly promotionsLive: number; readonly promotionsMissing: number; readonly p95LiveMs?: number }[]
}

/** `GET /api/journeys/stats/store-sales`: store sales published versus posted to the ERP. */
export interface StoreSalesBacklogResponse {
  readonly stores: readonly { readonly store: string; readonly published: number; readonly posted: number; readonly backlog: number; readonly oldestUnpostedAt?: string; readonly oldestUnpostedAgeMs?: number }[]
}

/** `GET /api/journeys/stats/settlements`: settlements by posting status, with amounts and age. */
export interface SettlementPostingResponse {
  readonly statuses: readonly { readonly status: 'unposted' | 'posted' | 'reconciled'; readonly currency: string; readonly count: number; readonly amount: number; readonly oldestAt?: string; readonly oldestAgeMs?: number }[]
}

/** A stage of a journey type as `GET /api/journeys/types` describes it. */
export interface JourneyStageType {
  readonly name: string
  /** Stages it may follow; empty for one that starts the journey. */
  readonly after: readonly string[]
  readonly slaMs: number
  readonly branch?: string
  readonly perStore?: boolean
  /** Its part in the statistics (`published`, `erp_posted`, ...), by name or as configured. */
  readonly role?: string
}

/** A journey type in force: a default, adjusted or added by the config file. */
export interface JourneyTypeView {
  readonly type: string
  readonly rootKey: string
  readonly linkedKeys: readonly string[]
  readonly stages: readonly JourneyStageType[]
}

/** `GET /api/journeys/types`: the journey types in force, in order. */
export interface JourneyTypesResponse {
  readonly types: readonly JourneyTypeView[]
}
