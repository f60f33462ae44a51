import type { MiddlewareHandler } from 'hono';
import { requestAddress } from './request-address.ts';

/**
 * 421 for a `Host` that is none of the hub's names or addresses. A page on another site that
 * rebinds its DNS name to the hub's address sends its own name here, and is refused before
 * anything is read or answered.
 */
export function hostCheck(
  answersTo: (hostname: string) => boolean,
  trustProxy: boolean,
): MiddlewareHandler {
  return async (c, next) => {
    const { hostname } = requestAddress(c, trustProxy);
    if (hostname === null || !answersTo(hostname)) {
      return c.json(
        {
          error: `this hub does not answer to the name ${JSON.stringify(hostname ?? '')}; add it to VINYLVAULT_TLS_HOSTNAMES if it is yours`,
        },
        421,
      );
    }
    return next();
  };
}
