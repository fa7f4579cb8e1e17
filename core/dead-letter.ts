/** The id a dead letter is known by between the reads that follow it and the answers: `<trace id>-<span id>`. */
export const deadLetterId = (span: { readonly traceId: string; readonly spanId: string }): string => `${span.traceId}-${span.spanId}`
