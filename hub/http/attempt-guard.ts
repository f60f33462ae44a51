import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { AttemptLimiter } from '../auth/attempt-limiter.ts';

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs a sign-in, set-up or pairing attempt under the per-address limit (429 beyond it). The
 * attempt counts before the password or code is checked, so concurrent guesses cannot all slip
 * in while the first ones are still being hashed; a success clears the count.
 */
export function attemptGuard(attempts: AttemptLimiter): MiddlewareHandler {
  return async (c, next) => {
    const who = clientAddress(c);
    const wait = attempts.blockedFor(who);
    if (wait > 0)
      return c.json(
        { error: `too many failed attempts; try again in ${Math.ceil(wait / 60_000)} min` },
        429,
      );
    attempts.fail(who);
    await next();
    if (c.res.ok) attempts.succeed(who);
  };
}
