/** The alerts API's JSON shapes: schemas for the server, types for the dashboard's /alerts page. */
import { z } from 'zod'

export const alertLifecycleStateSchema = z
  .enum(['pending', 'firing', 'resolved'])
  .meta({ id: 'AlertLifecycleState', description: 'Where an alert is in its life.' })
export type AlertLifecycleState = z.infer<typeof alertLifecycleStateSchema>

export const alertDeliveryAttemptViewSchema = z
  .object({
    attempt: z.number(),
    at: z.string(),
    outcome: z.enum(['delivered', 'retry', 'failed']),
    httpStatus: z.number().optional(),
    error: z.string().optional(),
    durationMs: z.number(),
    nextAttemptAt: z.string().optional(),
  })
  .meta({ id: 'AlertDeliveryAttemptView', description: 'One attempt to deliver a notification to a channel.' })
export type AlertDeliveryAttemptView = z.infer<typeof alertDeliveryAttemptViewSchema>

export const alertDeliveryViewSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    action: z.enum(['trigger', 'resolve']),
    status: z.enum(['pending', 'delivered', 'failed']),
    createdAt: z.string(),
    attempts: z.array(alertDeliveryAttemptViewSchema).readonly(),
  })
  .meta({ id: 'AlertDeliveryView', description: 'One notification to one channel, and how its delivery went.' })
export type AlertDeliveryView = z.infer<typeof alertDeliveryViewSchema>

export const alertImpactViewSchema = z
  .object({
    count: z.number(),
    unit: z.string(),
    amount: z.number(),
    currency: z.string(),
    stores: z.array(z.string()).readonly(),
    journeys: z.array(z.object({ type: z.string(), key: z.string() })).readonly(),
    traces: z.array(z.string()).readonly(),
    details: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .meta({ id: 'AlertImpactView', description: 'What an alert costs the business.' })
export type AlertImpactView = z.infer<typeof alertImpactViewSchema>

export const alertViewSchema = z
  .object({
    dedupKey: z.string(),
    rule: z.string(),
    type: z.string(),
    severity: z.enum(['critical', 'error', 'warning', 'info']),
    state: alertLifecycleStateSchema,
    group: z.record(z.string(), z.string()),
    value: z.number(),
    threshold: z.number(),
    summary: z.string(),
    impact: alertImpactViewSchema,
    links: z
      .object({ journeys: z.array(z.string()).readonly(), traces: z.array(z.string()).readonly() })
      .describe('Dashboard paths: `/journeys/<type>/<key>`, `/traces/<id>`.'),
    activeSince: z.string(),
    firedAt: z.string().optional(),
    resolvedAt: z.string().optional(),
    lastEvaluatedAt: z.string(),
    flapping: z.boolean(),
    silence: z.object({ until: z.string(), reason: z.string() }).optional(),
    notified: z.enum(['none', 'trigger', 'resolve']).describe('The last thing the paging tools were told.'),
    history: z
      .array(z.object({ at: z.string(), state: alertLifecycleStateSchema, value: z.number(), note: z.string().optional() }))
      .readonly(),
    deliveries: z.array(alertDeliveryViewSchema).readonly(),
  })
  .meta({ id: 'AlertView', description: 'One alert with its history and deliveries.' })
export type AlertView = z.infer<typeof alertViewSchema>

export const alertRuleViewSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    severity: z.string(),
    channels: z.array(z.string()).readonly(),
    threshold: z
      .number()
      .describe('The figure a group must pass to breach: ms for latency and queue delay, a share for error rates, a count otherwise.'),
    value: z
      .number()
      .optional()
      .describe("The last round's figure of the tenant's worst group; absent before the first round or when no group had data."),
    group: z.record(z.string(), z.string()).optional().describe('That group.'),
    breaching: z.number().describe('Groups over the threshold in the last round.'),
    error: z.string().optional().describe('Why the rule could not be evaluated in the last round.'),
  })
  .meta({ id: 'AlertRuleView', description: 'One alert rule with its threshold and its last observed value.' })
export type AlertRuleView = z.infer<typeof alertRuleViewSchema>

export const alertsResponseSchema = z
  .object({
    evaluatedAt: z.string().optional(),
    intervalMs: z.number(),
    counts: z.record(alertLifecycleStateSchema, z.number()),
    rules: z.array(alertRuleViewSchema).readonly(),
    alerts: z.array(alertViewSchema).readonly(),
  })
  .meta({
    id: 'AlertsResponse',
    description: "`GET /api/alerts?state=`: the tenant's alerts, most urgent first, and the rules behind them.",
  })
export type AlertsResponse = z.infer<typeof alertsResponseSchema>

export const alertRuleValuesResponseSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    stepSeconds: z.number(),
    rules: z
      .array(
        z.object({
          rule: z.string(),
          threshold: z.number(),
          points: z
            .array(
              z.object({
                at: z.string(),
                value: z.number().describe("The worst group's value, the highest of the bucket's rounds."),
                breaching: z.number().describe('Groups over the threshold, the most of the bucket.'),
              }),
            )
            .readonly()
            .describe('Buckets with a round that observed the rule; a bucket without one is left out.'),
        }),
      )
      .readonly(),
  })
  .meta({
    id: 'AlertRuleValuesResponse',
    description:
      "`GET /api/alerts/values`: each rule's value round by round over a window (the last 6 hours by default), in about 60 buckets.",
  })
export type AlertRuleValuesResponse = z.infer<typeof alertRuleValuesResponseSchema>
