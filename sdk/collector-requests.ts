import type { RequestOptions } from 'node:http'

function defaultPort(protocol: string | null | undefined): string {
  return protocol === 'https:' ? '443' : '80'
}

function bare(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase()
}

/**
 * A test for outgoing requests that go to the collector: exporting spans must not trace itself,
 * or every export would produce spans to export.
 */
export function isCollectorRequestFor(tracesUrl: string): (request: RequestOptions) => boolean {
  const collector = new URL(tracesUrl)
  const host = bare(collector.hostname)
  const port = collector.port || defaultPort(collector.protocol)
  return (request) => {
    const requestHost = request.hostname ?? request.host ?? 'localhost'
    const requestPort = request.port ?? request.defaultPort ?? defaultPort(request.protocol)
    return bare(requestHost) === host && String(requestPort) === port
  }
}
