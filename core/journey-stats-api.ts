/**
 * The journey aggregates the operations and finance pages draw, as the API answers them under
 * `/api/journeys/stats/`: status counts, stage latency, promotion reach, missed stock decrements,
 * store-sale backlogs, settlement posting and duplicate postings.
 */
import { z } from 'zod'
import { journeyStatusSchema } from './journeys-api.ts'
import { POSTING_AGES } from './time-buckets.ts'

const postingAgeSchema = z
  .object({
    age: z
      .enum(POSTING_AGES.map((band) => band.label))
      .describe('How long the money has waited: under 1 h, 1–4 h, 4–24 h, 1–3 days, over 3 days.'),
    currency: z.string(),
    count: z.number(),
    amount: z.number(),
  })
  .meta({ id: 'PostingAge', description: 'Money not in the books yet, in one age band and currency.' })
export type PostingAgeBand = z.infer<typeof postingAgeSchema>

/** A journey named with the money at stake: the rows of the refunds and taxes that wait longest. */
const journeyMoneySchema = z.object({
  type: z.string(),
  key: z.string(),
  store: z.string().optional(),
  channel: z.string().optional(),
  amount: z.number().optional(),
  currency: z.string().optional(),
})
/** One such journey. */
export type JourneyMoney = z.infer<typeof journeyMoneySchema>

export const journeyTrendsResponseSchema = z
  .object({
    type: z.string(),
    from: z.string(),
    to: z.string(),
    stepSeconds: z.number(),
    started: z
      .array(z.object({ at: z.string(), counts: z.record(journeyStatusSchema, z.number()) }))
      .readonly()
      .describe('Journeys that started in each bucket, by where they stand now; buckets without journeys are left out.'),
    stages: z
      .array(
        z.object({
          stage: z.string(),
          points: z
            .array(
              z.object({
                at: z.string(),
                reached: z.number().describe('Journeys that reached the stage in the bucket.'),
                p95Ms: z.number().optional().describe('p95 of the time from the stage before, for those that reached both.'),
              }),
            )
            .readonly(),
        }),
      )
      .readonly()
      .describe('Per stage, in the order of the journey type, the buckets in which journeys reached it.'),
  })
  .meta({
    id: 'JourneyTrendsResponse',
    description:
      '`GET /api/journeys/stats/trends`: journeys of a type over time: starts by status, and per stage the journeys that reached it and the p95 time from the stage before.',
  })
export type JourneyTrendsResponse = z.infer<typeof journeyTrendsResponseSchema>

export const taxPostingResponseSchema = z
  .object({
    stages: z
      .array(z.object({ type: z.string(), stage: z.string(), after: z.array(z.string()).readonly(), slaMs: z.number() }))
      .readonly()
      .describe('Per journey type with a tax posting (the stage with the `tax_posted` role): the stage, what it follows and its SLA.'),
    states: z
      .array(
        z.object({
          type: z.string(),
          state: z.enum(['posted', 'posted_late', 'pending', 'overdue', 'failed']),
          currency: z.string(),
          count: z.number(),
          amount: z.number().describe("The journeys' `retail.amount`: the value whose tax is at stake."),
        }),
      )
      .readonly(),
    overdue: z
      .array(
        journeyMoneySchema.extend({
          dueAt: z.string(),
          overdueMs: z.number(),
          failed: z.boolean().describe('The posting was tried and failed, rather than never sent.'),
        }),
      )
      .readonly()
      .describe('The 20 postings overdue or failed the longest.'),
  })
  .meta({
    id: 'TaxPostingResponse',
    description:
      "`GET /api/journeys/stats/taxes`: tax postings of the journeys whose stage before the posting was reached in the window: posted (in time or late), pending, overdue or failed, with the journeys' amounts.",
  })
export type TaxPostingResponse = z.infer<typeof taxPostingResponseSchema>

export const refundPostingResponseSchema = z
  .object({
    refunded: z.string().describe('The stage that pays the customer back (role `refunded`).'),
    credited: z.string().describe('The stage that credits the refund in the ERP (role `erp_credited`).'),
    states: z
      .array(
        z.object({
          state: z.enum(['awaiting_refund', 'pending_credit', 'credited']),
          currency: z.string(),
          count: z.number(),
          amount: z.number().describe('`retail.amount` of the refunds; 0 for returns not refunded yet.'),
        }),
      )
      .readonly(),
    pendingByAge: z.array(postingAgeSchema).readonly().describe('Refunds paid and not credited, by the time since the refund.'),
    oldestPending: z
      .array(
        journeyMoneySchema.extend({
          refundedAt: z.string(),
          ageMs: z.number(),
        }),
      )
      .readonly()
      .describe('The 20 longest waiting for their credit.'),
  })
  .meta({
    id: 'RefundPostingResponse',
    description: '`GET /api/journeys/stats/refunds`: returns by where their refund is on its way to the ERP, with amounts.',
  })
export type RefundPostingResponse = z.infer<typeof refundPostingResponseSchema>

export const journeyStatusCountsResponseSchema = z
  .object({
    types: z.array(z.object({ type: z.string(), total: z.number(), counts: z.record(journeyStatusSchema, z.number()) })).readonly(),
  })
  .meta({ id: 'JourneyStatusCountsResponse', description: '`GET /api/journeys/stats/status`: journeys per type and status.' })
export type JourneyStatusCountsResponse = z.infer<typeof journeyStatusCountsResponseSchema>

export const stageLatencyResponseSchema = z
  .object({
    type: z.string(),
    by: z.enum(['store', 'channel', 'region', 'none']),
    transitions: z
      .array(
        z.object({
          from: z.string(),
          to: z.string(),
          group: z.string(),
          count: z.number(),
          p50Ms: z.number(),
          p95Ms: z.number(),
          p99Ms: z.number(),
        }),
      )
      .readonly(),
  })
  .meta({
    id: 'StageLatencyResponse',
    description: '`GET /api/journeys/stats/latency`: time between stages, per store, channel or region.',
  })
export type StageLatencyResponse = z.infer<typeof stageLatencyResponseSchema>

export const promotionPropagationResponseSchema = z
  .object({
    promotions: z
      .array(
        z.object({
          promotionId: z.string(),
          publishedAt: z.string().optional(),
          storesTargeted: z.number(),
          storesLive: z.number(),
          missingStores: z.array(z.string()).readonly().describe('Targeted stores not live yet, at most 50.'),
          p95LiveMs: z.number().optional(),
        }),
      )
      .readonly(),
    stores: z
      .array(z.object({ store: z.string(), promotionsLive: z.number(), promotionsMissing: z.number(), p95LiveMs: z.number().optional() }))
      .readonly(),
    stepSeconds: z.number(),
    reach: z
      .array(z.object({ at: z.string(), targeted: z.number(), live: z.number() }))
      .readonly()
      .describe(
        "Over the window, at the end of each bucket: store and promotion pairs targeted by the window's promotions so far, and those live.",
      ),
  })
  .meta({
    id: 'PromotionPropagationResponse',
    description: '`GET /api/journeys/stats/promotions`: how far each promotion has reached the stores.',
  })
export type PromotionPropagationResponse = z.infer<typeof promotionPropagationResponseSchema>

export const stockDecrementsResponseSchema = z
  .object({
    stage: z.string().describe('The stage a sale starts with; its spans name the SKU sold.'),
    withinMs: z.number().describe("How long after the sale the ERP's reading is due: the SLAs to the sale's ERP posting."),
    system: z.string().describe('The system whose stock readings show the decrement.'),
    missed: z.number().describe('Sales in the window with no such reading by their deadline.'),
    awaited: z.number().describe('Sales in the window with no such reading yet, before their deadline.'),
    skus: z
      .array(
        z.object({
          store: z.string(),
          sku: z.string(),
          missed: z.number(),
          awaited: z.number(),
          missedUnits: z.number().describe('Units the missed sales took off the shelf (`retail.inventory.delta`), where they said.'),
          oldestMissedAt: z.string().optional(),
          sales: z.array(z.string()).readonly().describe('Up to 5 missed sales by their root key.'),
          traces: z.array(z.string()).readonly().describe('Up to 5 traces of missed sales.'),
        }),
      )
      .readonly(),
    byStore: z.array(z.object({ store: z.string(), missed: z.number(), awaited: z.number(), skus: z.number() })).readonly(),
    truncated: z.boolean(),
  })
  .meta({
    id: 'StockDecrementsResponse',
    description:
      "`GET /api/journeys/stats/stock-decrements`: store sales of a SKU whose decrement never showed in the ERP's stock readings of that SKU and location in time, per store and SKU.",
  })
export type StockDecrementsResponse = z.infer<typeof stockDecrementsResponseSchema>

export const storeSalesBacklogResponseSchema = z
  .object({
    stores: z
      .array(
        z.object({
          store: z.string(),
          published: z.number(),
          posted: z.number(),
          backlog: z.number(),
          oldestUnpostedAt: z.string().optional(),
          oldestUnpostedAgeMs: z.number().optional(),
        }),
      )
      .readonly(),
  })
  .meta({
    id: 'StoreSalesBacklogResponse',
    description: '`GET /api/journeys/stats/store-sales`: store sales published versus posted to the ERP.',
  })
export type StoreSalesBacklogResponse = z.infer<typeof storeSalesBacklogResponseSchema>

export const settlementPostingResponseSchema = z
  .object({
    statuses: z
      .array(
        z.object({
          status: z.enum(['unposted', 'posted', 'reconciled']),
          currency: z.string(),
          count: z.number(),
          amount: z.number(),
          oldestAt: z.string().optional(),
          oldestAgeMs: z.number().optional(),
        }),
      )
      .readonly(),
    unpostedByAge: z.array(postingAgeSchema).readonly().describe('Unposted settlements by the time since their batch.'),
  })
  .meta({
    id: 'SettlementPostingResponse',
    description: '`GET /api/journeys/stats/settlements`: settlements by posting status, with amounts and age.',
  })
export type SettlementPostingResponse = z.infer<typeof settlementPostingResponseSchema>

export const duplicatePostingsResponseSchema = z
  .object({
    duplicates: z
      .array(
        z.object({
          type: z.string(),
          key: z.string().describe("The journey's root key value: the order, sale, return or settlement posted more than once."),
          stage: z.string(),
          store: z.string().optional().describe('For a once-per-store stage, the store.'),
          channel: z.string().optional(),
          postings: z.number().describe('Distinct documents that reached the stage.'),
          documents: z.array(z.string()).readonly().describe('The first ten: `ERP document 4711`, `payment PAY-9`, or a trace.'),
          amount: z.number().optional().describe('`retail.amount` of a posting.'),
          currency: z.string().optional(),
          amountAtRisk: z.number().optional().describe('The amount times the postings beyond the first.'),
          firstAt: z.string(),
          lastAt: z.string(),
          traces: z.array(z.string()).readonly(),
        }),
      )
      .readonly(),
    truncated: z.boolean(),
  })
  .meta({
    id: 'DuplicatePostingsResponse',
    description:
      '`GET /api/journeys/stats/duplicates`: once-only stages reached by more than one document (double postings, double refunds).',
  })
export type DuplicatePostingsResponse = z.infer<typeof duplicatePostingsResponseSchema>
