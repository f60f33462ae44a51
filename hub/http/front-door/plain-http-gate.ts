import type { MiddlewareHandler } from 'hono';
import { isLocalRequest, requestAddress } from './request-address.ts';

/** What a device that does not trust the hub yet may fetch over plain HTTP. */
const TRUST_STEP = [
  /^\/connect$/,
  /^\/api\/health$/,
  /^\/api\/connect$/,
  /^\/ca\.(crt|mobileconfig)$/,
  /^\/assets\//,
  /^\/icons\//,
];

/**
 * Plain HTTP to one of the hub's LAN names or addresses serves only the trust step (design.md,
 * HTTPS): the "Connect this device" page, the CA and health. Anything else lands on that page,
 * not on HTTPS, where an untrusted certificate would only show a warning; a `#pair=` fragment
 * rides along, since browsers keep it across a redirect. With the owner's own certificate
 * (trusted already) there is no trust step and plain HTTP goes straight to HTTPS.
 */
export function plainHttpGate(options: {
  trustProxy: boolean;
  ownCertificate: boolean;
  httpsPort: () => number;
}): MiddlewareHandler {
  return async (c, next) => {
    const address = requestAddress(c, options.trustProxy);
    if (address.secure || isLocalRequest(address)) return next();
    const url = new URL(c.req.url);
    if (options.ownCertificate) {
      if (url.pathname === '/api/health') return next();
      const host = address.hostname!.includes(':') ? `[${address.hostname}]` : address.hostname!;
      return c.redirect(`https://${host}:${options.httpsPort()}${url.pathname}${url.search}`, 308);
    }
    if (TRUST_STEP.some((path) => path.test(url.pathname))) return next();
    return c.redirect('/connect', 302);
  };
}
