import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.ts';

/**
 * One log line per request: method, path, status, duration. Deliberately nothing else: no
 * query string (it can carry pairing codes), no headers (Authorization), no bodies.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      },
      'request',
    );
  };
}
