/**
 * Signals the receivers take without storing them: agents send metrics to the OTLP endpoint by
 * default, and an error answer would have them log export failures for ever, so the answer is a
 * success whose partial-success message says what happened to them.
 */
export const METRICS_NOT_STORED = 'Throughline stores traces; metrics are accepted and not stored'
