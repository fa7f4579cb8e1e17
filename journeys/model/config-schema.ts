/**
 * The config file's `journeys:` section, validated with zod. Entries of a default type (order,
 * return, settlement, promotion, sale) adjust it; entries of a new type define one. Field names
 * follow the file's snake_case; cross-references are checked by ./resolve.
 *
 * ```yaml
 * journeys:
 *   - type: order
 *     stages:
 *       - { name: order.erp_created, sla: 45m, match: [{ service: legacy-erp, span: SO.Create }] }
 *   - type: transfer
 *     root_key: retail.transfer.id
 *     linked_keys: [retail.shipment.id]
 *     stages:
 *       - { name: transfer.requested }
 *       - { name: transfer.dispatched, sla: 1d }
 *       - { name: transfer.received, sla: 3d, per_store: true }
 *   - type: sale
 *     replace_stages: true
 *     stages:
 *       - { name: sale.rung_up }
 *       - { name: sale.sent_to_hq, sla: 15m, role: published }
 *       - { name: sale.booked_in_sap, sla: 1h, role: erp_posted }
 * ```
 */
import { z } from 'zod'
import { DURATION_PATTERN } from '../../core/index.ts'
import { STAGE_ROLES } from './model.ts'

const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'is not an attribute name')
const journeyType = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lowercase letters, digits or _ (order, return, transfer)')
  // `/api/journeys/stats/...` would shadow a journey type called stats.
  .refine((type) => type !== 'stats', 'stats is reserved for the journey statistics routes')
const stageName = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/, 'must be <journey type>.<stage>, e.g. order.placed')
const duration = z.string().regex(DURATION_PATTERN, 'must be a duration such as 90s, 15m, 2h or 3d')

const matchSchema = z
  .strictObject({
    service: z.string().min(1).optional(),
    span: z.string().min(1).optional(),
    attributes: z.record(attributeName, z.string()).optional(),
  })
  .refine(
    (match) => match.service !== undefined || match.span !== undefined || Object.keys(match.attributes ?? {}).length > 0,
    'needs at least one of service, span or attributes',
  )

const stageSchema = z.strictObject({
  name: stageName,
  /** Stages this one may follow; omitted, the stage listed before it. */
  after: z.array(stageName).optional(),
  sla: duration.optional(),
  branch: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lowercase letters, digits or _')
    .optional(),
  per_store: z.boolean().optional(),
  /** Reached once per journey: a second document reaching it (a second ERP posting) is a duplicate. */
  once: z.boolean().optional(),
  /** Beside the journey's path (a tax posting): due after the stage it follows, never holding up the journey's status. */
  side: z.boolean().optional(),
  match: z.array(matchSchema).optional(),
  /** The stage's part in the statistics when its name does not say it (`sale.booked_in_sap` as `erp_posted`). */
  role: z.enum(STAGE_ROLES).optional(),
})

const journeySchema = z.strictObject({
  type: journeyType,
  root_key: attributeName.optional(),
  linked_keys: z.array(attributeName).optional(),
  /** When true, `stages` is the whole list; otherwise it adjusts and extends the default's. */
  replace_stages: z.boolean().optional(),
  stages: z.array(stageSchema).optional(),
})

/** The `journeys:` section of the config file. */
export const journeysSectionSchema = z.array(journeySchema)

/** The `journeys:` section after validation. */
export type JourneysSection = z.infer<typeof journeysSectionSchema>

/** One journey entry of the section. */
export type JourneyEntry = JourneysSection[number]
