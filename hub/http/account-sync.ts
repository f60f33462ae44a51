import { Hono } from 'hono';
import { z } from 'zod';
import { SyncBusy, type SyncService } from '../discogs/sync-service.ts';
import type { StateStore } from '../state/store.ts';
import type { RateLimiter } from '../discogs/rate-limiter.ts';
import { parse } from './validate.ts';

/** Account sync with Discogs: start, cancel, status (with the last runs). */
export function accountSyncRoutes(service: SyncService, state: StateStore, limiter: RateLimiter): Hono {
  const app = new Hono();
  app.get('/status', (c) => c.json({ ...service.status, runs: state.data.syncRuns.slice(-10), value: state.data.collectionValue, rate: limiter.usage() }));
  app.post('/start', async (c) => {
    const body = parse(c, z.object({ kind: z.enum(['full', 'incremental']).default('incremental') }), await c.req.json().catch(() => ({})));
    if (body instanceof Response) return body;
    try {
      service.start(body.kind);
    } catch (err) {
      if (err instanceof SyncBusy) return c.json({ error: err.message }, 409);
      throw err;
    }
    return c.json({ started: true, kind: body.kind }, 202);
  });
  app.post('/cancel', (c) => (service.cancel() ? c.json({ cancelling: true }, 202) : c.json({ error: 'no account sync is running' }, 409)));
  return app;
}
