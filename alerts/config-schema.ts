/**
 * The config file's `alerts:` section, validated with zod and turned into the runtime shape of
 * ./rules.ts. Every message names the rule or channel and the field, so a bad rule in a file of
 * fifty is found at once:
 *
 * ```
 * alerts.rules.2.threshold_ms: rule 'erp-posting-latency': Invalid input: expected number, received string
 * ```
 */
import { z } from 'zod'
import { DURATION_PATTERN, parseDuration } from '../core/index.ts'
import { journeyTypeOfStage } from '../journeys/index.ts'
import {
  GROUP_KEYS,
  SEVERITIES,
  type AlertRule,
  type AlertsConfig,
  type ChannelConfig,
  type GroupKey,
  type RuleBase,
  type Severity,
} from './rules.ts'

const HOUR = 3_600_000
const name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be lowercase letters, digits, - or _ (it becomes part of the dedup_key and of URLs)')
const duration = z
  .string()
  .regex(DURATION_PATTERN, 'must be a duration such as 15s, 5m, 2h or 24h')
  .transform((text) => parseDuration(text)!)
const positiveDuration = duration.refine((ms) => ms > 0, 'must be longer than 0')
const journeyType = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a journey type such as order')
const stage = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/, 'must be <journey type>.<stage>, e.g. order.placed')
const attributeName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'is not an attribute name')
const groupKey = z
  .string()
  .refine((key) => key in GROUP_KEYS, `must be one of ${Object.keys(GROUP_KEYS).join(', ')}`)
  .transform((key) => GROUP_KEYS[key]!)
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' })

const common = {
  name,
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]).default('warning'),
  for: duration.default(0),
  group_by: z.array(groupKey).max(4).default([]),
  channels: z.array(name).default([]),
  repeat: positiveDuration.optional(),
  description: z.string().max(500).optional(),
}

const latency = z.strictObject({
  ...common,
  type: z.literal('latency'),
  service: z.string().min(1),
  span: z.string().min(1).optional(),
  percentile: z.number().gt(0).lt(100).default(95),
  threshold_ms: z.number().positive(),
  window: positiveDuration.default(5 * 60_000),
  min_spans: z.number().int().min(1).default(1),
})

const queueDelay = z
  .strictObject({
    ...common,
    type: z.literal('queue_delay'),
    destination: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    percentile: z.number().gt(0).lt(100).default(95),
    threshold_ms: z.number().positive(),
    window: positiveDuration.default(5 * 60_000),
    min_messages: z.number().int().min(1).default(1),
  })
  .refine((rule) => rule.destination !== undefined || rule.from !== undefined || rule.to !== undefined, {
    message: 'names what it watches: a destination, a hop (from and to, services), or both',
  })

const errorRate = z.strictObject({
  ...common,
  type: z.literal('error_rate'),
  service: z.string().min(1),
  span: z.string().min(1).optional(),
  threshold: z.number().min(0).max(1, 'is a share of spans: between 0 and 1'),
  window: positiveDuration.default(5 * 60_000),
  min_spans: z.number().int().min(1).default(10),
})

const stageSla = z.strictObject({
  ...common,
  type: z.literal('stage_sla'),
  journey: journeyType,
  after: stage,
  expect: stage,
  within: positiveDuration,
  key: attributeName.optional(),
  unless: z.array(stage).default([]),
  where: z.record(attributeName, z.string()).default({}),
  lookback: positiveDuration.optional(),
})

const inventoryMismatch = z.strictObject({
  ...common,
  type: z.literal('inventory_mismatch'),
  tolerance: z.number().min(0).default(0),
  systems: z.array(z.string().min(1)).default([]),
  window: positiveDuration.default(24 * HOUR),
})

const settlementUnposted = z.strictObject({
  ...common,
  type: z.literal('settlement_unposted'),
  older_than: positiveDuration,
  journey: journeyType.default('settlement'),
  // By default the stages that play the roles: whatever the config named them.
  after: stage.optional(),
  expect: stage.optional(),
  lookback: positiveDuration.optional(),
})

const backlog = z.strictObject({
  ...common,
  type: z.literal('backlog'),
  from_stage: stage,
  to_stage: stage,
  max_pending: z.number().int().min(0),
  key: attributeName.optional(),
  lookback: positiveDuration.default(24 * HOUR),
})

const duplicate = z.strictObject({
  ...common,
  type: z.literal('duplicate'),
  journey: journeyType,
  stage: stage.optional(),
  window: positiveDuration.default(24 * HOUR),
})

const deadLetterUnreplayed = z.strictObject({
  ...common,
  type: z.literal('dead_letter_unreplayed'),
  older_than: positiveDuration,
  destination: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  lookback: positiveDuration.optional(),
})

const ruleUnion = z.discriminatedUnion('type', [
  latency,
  queueDelay,
  errorRate,
  stageSla,
  inventoryMismatch,
  settlementUnposted,
  backlog,
  duplicate,
  deadLetterUnreplayed,
])
type RuleEntry = z.output<typeof ruleUnion>

const channelUnion = z.discriminatedUnion('type', [
  z.strictObject({
    name,
    type: z.literal('pagerduty'),
    url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
    routing_key: z.string().length(32, 'must be the 32-character integration key'),
  }),
  z.strictObject({ name, type: z.literal('webhook'), url: httpUrl, secret: z.string().min(16, 'must be at least 16 characters') }),
  z.strictObject({ name, type: z.literal('slack'), url: httpUrl }),
  z.strictObject({
    name,
    type: z.literal('opsgenie'),
    url: httpUrl.default('https://api.opsgenie.com/v2/alerts'),
    api_key: z.string().min(1),
  }),
])

/** Validates one list entry with its own schema and prefixes each message with the entry's name. */
function named<T extends z.ZodType>(kind: string, schema: T) {
  return z.unknown().transform((value, ctx): z.output<T> => {
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    const label =
      typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string'
        ? `${kind} '${(value as { name: string }).name}'`
        : `a ${kind} without a name`
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: `${label}: ${issue.message}` })
    return z.NEVER
  })
}

function base(entry: RuleEntry): RuleBase {
  return {
    name: entry.name,
    severity: entry.severity,
    forMs: entry.for,
    groupBy: Object.freeze([...new Set<GroupKey>(entry.group_by)]),
    channels: Object.freeze([...entry.channels]),
    ...(entry.repeat !== undefined ? { repeatMs: entry.repeat } : {}),
    ...(entry.description !== undefined ? { description: entry.description } : {}),
  }
}

function toRule(entry: RuleEntry): AlertRule {
  switch (entry.type) {
    case 'latency':
      return {
        ...base(entry),
        type: 'latency',
        service: entry.service,
        ...(entry.span ? { span: entry.span } : {}),
        percentile: entry.percentile,
        thresholdMs: entry.threshold_ms,
        windowMs: entry.window,
        minSpans: entry.min_spans,
      }
    case 'queue_delay':
      return {
        ...base(entry),
        type: 'queue_delay',
        ...(entry.destination ? { destination: entry.destination } : {}),
        ...(entry.from ? { from: entry.from } : {}),
        ...(entry.to ? { to: entry.to } : {}),
        percentile: entry.percentile,
        thresholdMs: entry.threshold_ms,
        windowMs: entry.window,
        minMessages: entry.min_messages,
      }
    case 'error_rate':
      return {
        ...base(entry),
        type: 'error_rate',
        service: entry.service,
        ...(entry.span ? { span: entry.span } : {}),
        threshold: entry.threshold,
        windowMs: entry.window,
        minSpans: entry.min_spans,
      }
    case 'stage_sla':
      return {
        ...base(entry),
        type: 'stage_sla',
        journey: entry.journey,
        after: entry.after,
        expect: entry.expect,
        withinMs: entry.within,
        ...(entry.key ? { key: entry.key } : {}),
        unless: entry.unless,
        where: entry.where,
        lookbackMs: entry.lookback ?? entry.within + 24 * HOUR,
      }
    case 'inventory_mismatch':
      return { ...base(entry), type: 'inventory_mismatch', tolerance: entry.tolerance, systems: entry.systems, windowMs: entry.window }
    case 'settlement_unposted':
      return {
        ...base(entry),
        type: 'settlement_unposted',
        olderThanMs: entry.older_than,
        journey: entry.journey,
        after: entry.after ?? '',
        expect: entry.expect ?? '',
        lookbackMs: entry.lookback ?? entry.older_than + 24 * HOUR,
      }
    case 'backlog':
      return {
        ...base(entry),
        type: 'backlog',
        fromStage: entry.from_stage,
        toStage: entry.to_stage,
        maxPending: entry.max_pending,
        ...(entry.key ? { key: entry.key } : {}),
        lookbackMs: entry.lookback,
      }
    case 'duplicate':
      return {
        ...base(entry),
        type: 'duplicate',
        journey: entry.journey,
        ...(entry.stage ? { stage: entry.stage } : {}),
        windowMs: entry.window,
      }
    case 'dead_letter_unreplayed':
      return {
        ...base(entry),
        type: 'dead_letter_unreplayed',
        olderThanMs: entry.older_than,
        ...(entry.destination ? { destination: entry.destination } : {}),
        ...(entry.service ? { service: entry.service } : {}),
        lookbackMs: entry.lookback ?? entry.older_than + 24 * HOUR,
      }
  }
}

function toChannel(entry: z.output<typeof channelUnion>): ChannelConfig {
  switch (entry.type) {
    case 'pagerduty':
      return { name: entry.name, type: 'pagerduty', url: entry.url, routingKey: entry.routing_key }
    case 'webhook':
      return { name: entry.name, type: 'webhook', url: entry.url, secret: entry.secret }
    case 'slack':
      return { name: entry.name, type: 'slack', url: entry.url }
    case 'opsgenie':
      return { name: entry.name, type: 'opsgenie', url: entry.url, apiKey: entry.api_key }
  }
}

const journeyStages = (entry: RuleEntry): [string, string][] => {
  if (entry.type === 'stage_sla')
    return [['after', entry.after], ['expect', entry.expect], ...entry.unless.map((s, i): [string, string] => [`unless.${i}`, s])]
  return []
}

/** The `alerts:` section of the config file, validated and turned into an AlertsConfig. */
export const alertsSectionSchema = z
  .strictObject({
    interval: duration.refine((ms) => ms >= 1000, 'must be at least 1s').default(15_000),
    repeat_interval: positiveDuration.default(4 * HOUR),
    flap_window: positiveDuration.default(30 * 60_000),
    flap_threshold: z.number().int().min(2).default(4),
    dashboard_url: httpUrl.optional(),
    channels: z.array(named('channel', channelUnion)).default([]),
    rules: z.array(named('rule', ruleUnion)).default([]),
  })
  .superRefine((section, ctx) => {
    const channelNames = new Set<string>()
    section.channels.forEach((channel, i) => {
      if (channelNames.has(channel.name))
        ctx.addIssue({ code: 'custom', path: ['channels', i, 'name'], message: `channel '${channel.name}' is defined twice` })
      channelNames.add(channel.name)
    })
    const ruleNames = new Set<string>()
    section.rules.forEach((rule, i) => {
      if (ruleNames.has(rule.name))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `rule '${rule.name}' is defined twice` })
      ruleNames.add(rule.name)
      rule.channels.forEach((channel, j) => {
        if (!channelNames.has(channel))
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'channels', j],
            message: `rule '${rule.name}': no channel named '${channel}' (defined: ${[...channelNames].join(', ') || 'none'})`,
          })
      })
      for (const [field, value] of journeyStages(rule)) {
        if (rule.type === 'stage_sla' && journeyTypeOfStage(value) !== rule.journey)
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, ...field.split('.')],
            message: `rule '${rule.name}': '${value}' is not a stage of the ${rule.journey} journey`,
          })
      }
      if (rule.type === 'backlog' && journeyTypeOfStage(rule.from_stage) !== journeyTypeOfStage(rule.to_stage)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'to_stage'],
          message: `rule '${rule.name}': '${rule.to_stage}' and '${rule.from_stage}' belong to different journeys`,
        })
      }
      if (rule.type === 'stage_sla' && rule.lookback !== undefined && rule.lookback <= rule.within) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'lookback'],
          message: `rule '${rule.name}': must be longer than within, or no journey could ever be late`,
        })
      }
    })
  })
  .transform((section): AlertsConfig =>
    Object.freeze({
      intervalMs: section.interval,
      repeatIntervalMs: section.repeat_interval,
      flap: Object.freeze({ windowMs: section.flap_window, threshold: section.flap_threshold }),
      ...(section.dashboard_url ? { dashboardUrl: section.dashboard_url.replace(/\/+$/, '') } : {}),
      channels: Object.freeze(section.channels.map((c) => Object.freeze(toChannel(c)))),
      rules: Object.freeze(section.rules.map((r) => Object.freeze(toRule(r)))),
    }),
  )

/** The section as written in the file, before validation. */
export type AlertsSectionInput = z.input<typeof alertsSectionSchema>
