import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AccountSync } from '../discogs/account-sync.ts';
import type { StateStore } from '../state/store.ts';
import type { RateLimiter } from '../discogs/rate-limiter.ts';
import { valid } from './validate.ts';

/** Account sync with Discogs: start, cancel, status (with the last runs). A run under way is a 409 (AccountSyncBusy). */
export function accountSyncRoutes(service: AccountSync, state: StateStore, limiter: RateLimiter) {
  return new Hono()
    .get('/status', (c) =>
      c.json<ReplyOf<'GET /api/account-sync/status'>>({
        ...service.status,
        runs: state.data.syncRuns.slice(-10),
        value: state.data.collectionValue,
        rate: limiter.usage(),
      }),
    )
    .post(
      '/start',
      valid('json', z.object({ kind: z.enum(['full', 'incremental']).default('incremental') })),
      async (c) => {
        const { kind } = c.req.valid('json');
        await service.start(kind);
        return c.json<ReplyOf<'POST /api/account-sync/start'>, 202>({ started: true, kind }, 202);
      },
    )
    .post('/cancel', (c) =>
      service.cancel()
        ? c.json<ReplyOf<'POST /api/account-sync/cancel'>, 202>({ cancelling: true }, 202)
        : c.json({ error: 'no account sync is running' }, 409),
    );
}
