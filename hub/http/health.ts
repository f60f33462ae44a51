import { Hono } from 'hono';
import type { Health } from '../../shared/health.ts';

export function healthRoutes(version: string): Hono {
  return new Hono().get('/', (c) => c.json({ ok: true, version } satisfies Health));
}
