import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

const KB = 1024;
/** The largest push: 500 mutations with 4,000-character notes, UTF-8, with room to spare. */
const PUSH_LIMIT = 8 * KB * KB;
/** Passwords, codes and names: nothing longer is ever legitimate, and scrypt should not see it. */
const CREDENTIAL_LIMIT = 4 * KB;
const DEFAULT_LIMIT = 64 * KB;
const CREDENTIAL_ROUTES = new Set([
  '/api/admin/setup',
  '/api/admin/login',
  '/api/admin/password',
  '/api/pair',
]);

/** A plays file: years of plays as CSV, each row under 200 bytes. */
const FILE_LIMIT = 8 * KB * KB;

function limitFor(path: string): number {
  if (path === '/api/sync/push') return PUSH_LIMIT;
  if (path === '/api/plays/import') return FILE_LIMIT;
  return CREDENTIAL_ROUTES.has(path) ? CREDENTIAL_LIMIT : DEFAULT_LIMIT;
}

/**
 * Every route's body is limited while it is read (Hono's bodyLimit: a larger Content-Length is
 * refused before any byte is read, a chunked body as soon as it passes the limit), so 100 MB
 * sent to a login route costs the hub nothing.
 */
export function requestBodyLimit(): MiddlewareHandler {
  const limits = new Map<number, MiddlewareHandler>();
  return (c, next) => {
    const max = limitFor(c.req.path);
    let limit = limits.get(max);
    if (!limit) {
      limit = bodyLimit({
        maxSize: max,
        onError: (ctx) =>
          ctx.json({ error: `request body too large: at most ${max / KB} kB here` }, 413, {
            connection: 'close',
          }),
      });
      limits.set(max, limit);
    }
    return limit(c, next);
  };
}

/**
 * Bodies of the hub's API are JSON: anything else gets 415, and text that does not parse gets
 * 400 "invalid JSON" here, once, instead of each route reading it as `{}` and answering with a
 * misleading field error (or acting on defaults). Hono caches the parsed body for the route.
 */
export function jsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    const hasBody =
      Number(c.req.header('content-length') ?? 0) > 0 ||
      c.req.header('transfer-encoding') !== undefined;
    if (!hasBody) return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return c.json(
        {
          error: `send the body as application/json (got ${JSON.stringify(type || 'no content type')})`,
        },
        415,
      );
    }
    try {
      await c.req.json();
    } catch (err) {
      return c.json({ error: `invalid JSON: ${(err as Error).message}` }, 400);
    }
    return next();
  };
}
