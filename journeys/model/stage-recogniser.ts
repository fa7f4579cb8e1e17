/**
 * Which stage a span marks: its own `retail.journey.stage`, or else the first `match` rule of the
 * configured journeys that fits it, so estates that cannot change their code are still mapped.
 * Runs on the insert path (the stage is stored with the span) and again on lookup, for spans
 * stored before a rule was added.
 */
import type { Attributes } from '../../core/index.ts'
import { RetailAttribute } from '@throughline/sdk/conventions'
import type { JourneyDefinition, SpanMatch } from './model.ts'

/** The parts of a span a match rule looks at. */
export interface StageCandidate {
  readonly service: string
  readonly name: string
  /** Span attributes, aliases already applied. */
  readonly attributes: Attributes
}

/** Recognises stages on spans. */
export interface StageRecogniser {
  /** The stage the span marks, or the empty string. */
  stageOf(span: StageCandidate): string
  /** Every rule with the stage it maps to, in the order they are tried. */
  readonly rules: readonly { readonly stage: string; readonly match: SpanMatch }[]
}

/** True when the span satisfies every field the rule names. */
function matchesRule(match: SpanMatch, span: StageCandidate): boolean {
  if (match.service !== undefined && match.service !== span.service) return false
  if (match.span !== undefined && match.span !== span.name) return false
  for (const [name, value] of Object.entries(match.attributes ?? {})) {
    if (span.attributes[name] !== value) return false
  }
  return true
}

/** Compiles the match rules of the journeys. */
export function stageRecogniser(journeys: readonly JourneyDefinition[]): StageRecogniser {
  const rules = journeys.flatMap((journey) => journey.stages.flatMap((stage) => stage.match.map((match) => ({ stage: stage.name, match }))))
  return {
    rules,
    stageOf(span) {
      const own = span.attributes[RetailAttribute.stage]
      if (own !== undefined && own !== '') return own
      for (const rule of rules) if (matchesRule(rule.match, span)) return rule.stage
      return ''
    },
  }
}
