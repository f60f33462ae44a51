import { Hono } from 'hono';
import { z } from 'zod';
import type { SyncService } from '../discogs/sync-service.ts';
import type { DumpService } from '../dumps/dump-service.ts';
import { startFirstRuns } from '../jobs/first-runs.ts';
import type { Logger } from '../log.ts';
import type { StateStore } from '../state/store.ts';
import { parse } from './validate.ts';

const finishSchema = z.object({ startDumps: z.boolean().default(false), startSync: z.boolean().default(false) }).strict();

/**
 * `GET /api/admin/setup` and `POST /api/admin/setup/finish`: whether the first-run wizard is
 * done. The wizard's steps save through the routes each panel uses (password, Discogs login,
 * settings); finishing records that the owner went through them, so the page stops guiding,
 * and starts the first runs the owner asked for.
 */
export function adminSetupRoutes(state: StateStore, services: { dumps: DumpService; accountSync: SyncService; log: Logger }): Hono {
  const view = () => ({ finishedAt: state.data.setup.finishedAt });
  return new Hono()
    .get('/', (c) => c.json(view()))
    .post('/finish', async (c) => {
      const body = parse(c, finishSchema, await c.req.json().catch(() => ({})));
      if (body instanceof Response) return body;
      state.data.setup.finishedAt ??= new Date().toISOString();
      await state.write();
      const sync = body.startSync && state.data.settings.discogs !== null;
      void startFirstRuns({ dumps: body.startDumps, sync }, state.data.settings.catalogScope, services);
      return c.json(view());
    });
}
