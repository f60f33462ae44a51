import { Hono } from 'hono';
import type { ReplyOf } from '../../shared/hub-api.ts';
import type { HubAddresses } from '../hub-addresses.ts';
import type { HubTls } from '../tls/hub-tls.ts';

/** `GET /api/admin/security`: the CA's fingerprint, what the served certificate covers, and where phones start. */
export function adminSecurityRoutes(tls: HubTls, addresses: () => HubAddresses) {
  return new Hono().get('/', (c) =>
    c.json<ReplyOf<'GET /api/admin/security'>>({ ...tls.describe(), network: addresses().network }),
  );
}
