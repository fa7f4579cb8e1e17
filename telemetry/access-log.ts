/**
 * The access log: one record per HTTP request (method, path, status, milliseconds, tenant when
 * known), at info when answered, warn for a client's mistake, error for the server's.
 */
import type { MiddlewareHandler } from 'hono'
import type { Log, LogFormat } from './log.ts'

/**
 * The logger access records go to. At a terminal (`npm start`) only refused and failed requests
 * are shown, so a person sees the demo's story rather than every export; JSON logs carry every
 * request, and THROUGHLINE_LOG_LEVEL=debug shows them all at a terminal too.
 */
export function accessLogger(log: Log, format: LogFormat): Log {
  const quietAtTerminal = format === 'pretty' && log.levelVal >= log.levels.values.info!
  return log.child({ log: 'access' }, quietAtTerminal ? { level: 'warn' } : {})
}

/** Hono middleware that writes one access record per request once it is answered. */
export function accessLog(log: Log): MiddlewareHandler<{ Variables: { tenant?: string } }> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const status = c.res.status
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info'
    if (!log.isLevelEnabled(level)) return
    const tenant = c.get('tenant')
    log[level](
      {
        method: c.req.method,
        path: c.req.path,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(tenant ? { tenant } : {}),
      },
      'request',
    )
  }
}
