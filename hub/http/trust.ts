import { Hono } from 'hono';
import type { ConnectInfo } from '../../shared/connect.ts';
import { appleProfile } from '../tls/apple-profile.ts';
import type { HubCa } from '../tls/hub-tls.ts';
import { requestAddress } from './front-door/request-address.ts';

/**
 * The trust step's downloads and facts (design.md, HTTPS): the CA as Android and desktops
 * install it (DER, `application/x-x509-ca-cert`), as an Apple profile for iOS and iPadOS, and
 * `/api/connect` for the "Connect this device" page. None exists with the owner's certificate.
 */
export function trustRoutes(
  ca: HubCa | null,
  options: { httpsPort: () => number; trustProxy: boolean },
): Hono {
  const app = new Hono();
  app.get('/api/connect', (c) => {
    const { hostname } = requestAddress(c, options.trustProxy);
    const host = hostname?.includes(':') ? `[${hostname}]` : hostname;
    return c.json({
      httpsOrigin: `https://${host}:${options.httpsPort()}`,
      ca: ca && { fingerprint: ca.fingerprint, subject: ca.subject },
    } satisfies ConnectInfo);
  });
  if (!ca) return app;
  app.get('/ca.crt', (c) =>
    c.body(new Uint8Array(ca.der), 200, {
      'content-type': 'application/x-x509-ca-cert',
      'content-disposition': 'attachment; filename="vinylvault-hub-ca.crt"',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/ca.mobileconfig', (c) =>
    c.body(appleProfile(ca), 200, {
      'content-type': 'application/x-apple-aspen-config',
      'content-disposition': 'attachment; filename="vinylvault-hub.mobileconfig"',
      'cache-control': 'no-cache',
    }),
  );
  return app;
}
