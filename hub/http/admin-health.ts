import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import type { HubHealth } from '../../shared/hub-health.ts';

/** `GET /api/admin/health`: the admin page's health panel (admin session only, see auth.ts). */
export function adminHealthRoutes(health: () => HubHealth) {
  return new Hono().get('/', (c) => c.json<ReplyOf<'GET /api/admin/health'>>(health()));
}
