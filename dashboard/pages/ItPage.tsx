/**
 * `/it`: the integrations as the spans show them: latency and errors over time per service (and
 * per span name once one is selected), the hops between services, the slowest and failed traces,
 * and the failed, retried and dead-lettered messages with their business keys.
 */
import type { EstateHopsResponse, EstateMessagesResponse, EstateTracesResponse, IngestRejectionsResponse } from '../../core/index.ts'
import { estatePath } from '../api/estatePaths.ts'
import { useRangePolling } from '../api/useRangePolling.ts'
import { usePolling } from '../api/usePolling.ts'
import { PERCENTILES } from '../charts/seriesRows.ts'
import { FilterBar } from '../components/FilterBar.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { PolledSection } from '../components/PolledSection.tsx'
import { useDocumentTitle } from '../components/useDocumentTitle.ts'
import { hrefWith, queryValue, readPageFilters } from '../filters/pageFilters.ts'
import { rangeLengthMs } from '../filters/timeRange.ts'
import { FailedMessages } from '../it/FailedMessages.tsx'
import { IngestRejections } from '../it/IngestRejections.tsx'
import { HopsTable } from '../it/HopsTable.tsx'
import { HopDetails } from '../it/HopDetails.tsx'
import { hopParam, parseHopParam } from '../estate/hopRef.ts'
import { LatencySection } from '../it/LatencySection.tsx'
import { TraceListTable } from '../it/TraceListTable.tsx'
import { Link } from '../router/Link.tsx'
import type { AppLocation } from '../router/location.ts'

/** The IT page. */
export function ItPage({ location }: { readonly location: AppLocation }) {
  useDocumentTitle('IT')
  const filters = readPageFilters(location.query)
  const { range, store, channel, region } = filters
  const service = queryValue(location.query, 'service')
  const span = service === undefined ? undefined : queryValue(location.query, 'span')
  const pct = queryValue(location.query, 'pct')
  const percentile = PERCENTILES.find((p) => p === pct) ?? 'p95'
  const context = { store, channel, region }
  const hops = useRangePolling<EstateHopsResponse>(range, (window) => estatePath('hops', window, context))
  const slow = useRangePolling<EstateTracesResponse>(range, (window) => estatePath('slow-traces', window, { ...context, service, span }))
  const failed = useRangePolling<EstateTracesResponse>(range, (window) =>
    estatePath('failed-traces', window, { ...context, service, span }),
  )
  const messages = useRangePolling<EstateMessagesResponse>(range, (window) =>
    estatePath('failed-messages', window, { ...context, service }),
  )
  const hopRef = parseHopParam(queryValue(location.query, 'hop'))
  const rejections = usePolling<IngestRejectionsResponse>('/api/ingest/rejections?limit=50')
  const link = (changes: Readonly<Record<string, string | undefined>>): string => hrefWith(location.pathname, location.query, changes)
  const minutes = rangeLengthMs(range) / 60_000
  const scope = service === undefined ? '' : span === undefined ? ` of ${service}` : ` of ${service}: ${span}`
  return (
    <>
      <PageHeading
        title="IT"
        subtitle="The integrations between systems, from their spans: latency, errors, hops, slow and failed traces, failed messages."
      />
      <FilterBar location={location} filters={filters} />
      <nav className="breadcrumbs" aria-label="Selection">
        {service === undefined ? (
          <span>All services: pick one in the table to see its span names.</span>
        ) : (
          <>
            <Link to={link({ service: undefined, span: undefined })}>All services</Link> ›{' '}
            {span === undefined ? <strong>{service}</strong> : <Link to={link({ span: undefined })}>{service}</Link>}
            {span === undefined ? null : (
              <>
                {' '}
                › <strong className="mono">{span}</strong>
              </>
            )}
          </>
        )}
      </nav>
      {hopRef ? <HopDetails hopRef={hopRef} hops={hops} filters={filters} closeHref={link({ hop: undefined })} /> : null}
      <LatencySection location={location} filters={filters} service={service} span={span} percentile={percentile} />
      <PolledSection
        id="hops-title"
        title={service === undefined ? 'Hops between systems' : `Hops to and from ${service}`}
        poll={hops}
        what="the hops"
        empty="No calls or messages between services in this window and scope."
        isEmpty={(answer) => answer.hops.length === 0}
        className="scroll-x"
      >
        {(answer) => (
          <HopsTable
            hops={
              service === undefined ? answer.hops : answer.hops.filter((hop) => hop.fromService === service || hop.toService === service)
            }
            minutes={minutes}
            serviceHref={(name) => link({ service: name, span: undefined })}
            hopHref={(hop) => link({ hop: hopParam(hop) })}
          />
        )}
      </PolledSection>
      <div className="columns">
        <PolledSection
          id="slow-title"
          title={`Slowest traces${scope}`}
          poll={slow}
          what="the slowest traces"
          empty="No traces in this window and scope."
          isEmpty={(a) => a.traces.length === 0}
        >
          {(answer) => <TraceListTable caption="Slowest first" traces={answer.traces.slice(0, 15)} />}
        </PolledSection>
        <PolledSection
          id="failed-title"
          title={`Failed traces${scope}`}
          poll={failed}
          what="the failed traces"
          empty="No trace with an error in this window and scope."
          isEmpty={(a) => a.traces.length === 0}
        >
          {(answer) => <TraceListTable caption="Newest first" traces={answer.traces.slice(0, 15)} />}
        </PolledSection>
      </div>
      <PolledSection
        id="messages-title"
        title={`Failed, retried and dead-lettered messages${service === undefined ? '' : ` of ${service}`}`}
        poll={messages}
        what="the failed messages"
        className="scroll-x"
      >
        {(answer) => <FailedMessages answer={answer} />}
      </PolledSection>
      <PolledSection
        id="rejections-title"
        title="Spans refused at ingest"
        poll={rejections}
        what="the refused spans"
        note="Spans Throughline could not store as sent, whatever the time range: the sender was told, or storage refused them and they wait in the quarantine."
        className="scroll-x"
      >
        {(answer) => <IngestRejections answer={answer} />}
      </PolledSection>
    </>
  )
}
