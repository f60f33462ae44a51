import { Hono } from 'hono';
import { X509Certificate } from 'node:crypto';
import type { HubSecurity } from '../../shared/admin-security.ts';
import type { HubAddresses } from '../hub-addresses.ts';
import type { HubTls } from '../tls/hub-tls.ts';
import { subjectNames } from '../tls/issue-certificates.ts';

/** `GET /api/admin/security`: the CA's fingerprint, what the served certificate covers, and where phones start. */
export function adminSecurityRoutes(tls: HubTls, addresses: () => HubAddresses): Hono {
  return new Hono().get('/', (c) => {
    const server = new X509Certificate(tls.serving.cert);
    const ca = tls.ca;
    return c.json({
      ca: ca && { fingerprint: ca.fingerprint, subject: ca.subject, validTo: ca.validTo },
      server: { names: subjectNames(server).map((n) => n.replace(/^(DNS|IP):/, '')), validTo: new Date(server.validTo).toISOString() },
      network: addresses().network,
    } satisfies HubSecurity);
  });
}
