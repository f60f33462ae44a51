import type { MiddlewareHandler } from 'hono';
import { hostnameOf } from '../../tls/hub-names.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * 403 for a state-changing request sent by another site's page: `Sec-Fetch-Site: cross-site`,
 * or an `Origin` that is none of the hub's names. Written here rather than with Hono's `csrf`,
 * which checks only form-like content types and leaves the rest to CORS preflights; the hub
 * refuses every cross-site write whatever its content type. Requests with neither header
 * (scripts, the CLI, other tools) are not from a browser page and pass.
 */
export function crossSiteCheck(answersTo: (hostname: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const originHost = origin && origin !== 'null' ? hostnameOf(safeHost(origin)) : null;
    if (
      site === 'cross-site' ||
      (origin !== undefined && (originHost === null || !answersTo(originHost)))
    ) {
      return c.json(
        {
          error: `refused: a page of another site (${origin ?? 'cross-site'}) may not change anything on the hub`,
        },
        403,
      );
    }
    return next();
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
