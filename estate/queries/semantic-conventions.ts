/**
 * What stock OpenTelemetry instrumentations of every age record, read alike: a message's
 * destination as the messaging conventions name it now, then as they did (1.x); a call's
 * operation from its route, then its path, then the old target without its query string. Each
 * falls back to the span's name where it names an operation.
 */
import { sql } from '../../storage/index.ts'

/**
 * The destination a message went to (a queue, topic or exchange), empty when the span does not
 * say. A RabbitMQ message sent through the default exchange names no exchange: its routing key
 * is then the queue (amqplib's instrumentation calls it `messaging.rabbitmq.routing_key`).
 */
export const MESSAGE_DESTINATION = sql`multiIf(
  SpanAttributes['messaging.destination.name'] != '', SpanAttributes['messaging.destination.name'],
  SpanAttributes['messaging.destination'] != '', SpanAttributes['messaging.destination'],
  SpanAttributes['messaging.rabbitmq.destination.routing_key'] != '', SpanAttributes['messaging.rabbitmq.destination.routing_key'],
  SpanAttributes['rabbitmq.destination.routing_key'] != '', SpanAttributes['rabbitmq.destination.routing_key'],
  SpanAttributes['messaging.rabbitmq.routing_key'] != '', SpanAttributes['messaging.rabbitmq.routing_key'],
  '')`

/** A message hop's operation: its destination, else the span's name. */
export const MESSAGE_OPERATION = sql`if(${MESSAGE_DESTINATION} != '', ${MESSAGE_DESTINATION}, SpanName)`

/**
 * The (trace id, span id) pairs that may be the producer of a consumer span's message: the spans
 * it links to (our SDK, batch consumers) and its parent (kafkajs, amqplib and most stock
 * instrumentations carry the producer's context in the message). A join on a producer keeps the
 * one that is a producer's span.
 */
export const PRODUCED_BY = sql`arrayDistinct(arrayPushBack(arrayZip(Links.TraceId, Links.SpanId), (TraceId, ParentSpanId)))`

/** A call's operation: its route, else its path, else the old target without its query, else the span's name. */
export const CALL_OPERATION = sql`multiIf(
  SpanAttributes['http.route'] != '', SpanAttributes['http.route'],
  SpanAttributes['url.path'] != '', SpanAttributes['url.path'],
  SpanAttributes['http.target'] != '', splitByChar('?', SpanAttributes['http.target'])[1],
  SpanName)`
