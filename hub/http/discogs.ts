import type { ReplyOf } from '../../shared/hub-api.ts';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DiscogsAccount } from '../discogs/account.ts';
import type { WriteBackDrainer, WriteBackQueue } from '../discogs/writeback.ts';
import { valid } from './validate.ts';

/**
 * The Discogs account as the admin page sees it: connection, and edits on their way to Discogs
 * (sent now on request). A refused token is a 401, Discogs out of reach a 503 (error-status.ts).
 */
export function discogsRoutes(
  account: DiscogsAccount,
  queue: WriteBackQueue,
  drainer: WriteBackDrainer,
) {
  return (
    new Hono()
      .post(
        '/login',
        valid(
          'json',
          z.object({ token: z.string().trim().min(1, 'give the personal access token') }),
        ),
        async (c) => {
          const identity = await account.login(c.req.valid('json').token);
          return c.json<ReplyOf<'POST /api/discogs/login'>>({ username: identity.username });
        },
      )
      .get('/connection', async (c) =>
        c.json<ReplyOf<'GET /api/discogs/connection'>>(await account.connection()),
      )
      .get('/writeback', (c) =>
        c.json<ReplyOf<'GET /api/discogs/writeback'>>({
          pending: queue.list('pending'),
          dropped: queue.list('dropped', 50),
        }),
      )
      // "Send now": drains at once instead of at the next minute; joins a drain under way.
      .post('/writeback/send', async (c) =>
        c.json<ReplyOf<'POST /api/discogs/writeback/send'>>(await drainer.now()),
      )
  );
}
