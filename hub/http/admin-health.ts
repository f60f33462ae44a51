import { Hono } from 'hono';
import type { HubHealth } from '../../shared/hub-health.ts';

/** `GET /api/admin/health`: the admin page's health panel (admin session only, see auth.ts). */
export function adminHealthRoutes(health: () => HubHealth): Hono {
  return new Hono().get('/', (c) => c.json(health()));
}
