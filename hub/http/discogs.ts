import { Hono } from 'hono';
import { z } from 'zod';
import type { DiscogsAccount } from '../discogs/account.ts';
import { DiscogsApiError, DiscogsUnreachable } from '../discogs/client.ts';
import { parse } from './validate.ts';
import type { WriteBackDrainer, WriteBackQueue } from '../discogs/writeback.ts';

/** The Discogs account as the admin page sees it: connection, and edits on their way to Discogs (sent now on request). */
export function discogsRoutes(account: DiscogsAccount, queue: WriteBackQueue, drainer: WriteBackDrainer): Hono {
  return new Hono()
    .post('/login', async (c) => {
      const body = parse(c, z.object({ token: z.string().trim().min(1, 'give the personal access token') }), await c.req.json().catch(() => ({})));
      if (body instanceof Response) return body;
      try {
        const identity = await account.login(body.token);
        return c.json({ username: identity.username });
      } catch (err) {
        // Discogs' refusal in words; the token itself is never echoed.
        if (err instanceof DiscogsApiError) return c.json({ error: err.message }, err.status === 401 ? 401 : 400);
        if (err instanceof DiscogsUnreachable) return c.json({ error: err.message }, 503);
        throw err;
      }
    })
    .get('/connection', async (c) => c.json(await account.connection()))
    .get('/writeback', (c) => c.json({ pending: queue.list('pending'), dropped: queue.list('dropped', 50) }))
    // "Send now": drains at once instead of at the next minute; joins a drain under way.
    .post('/writeback/send', async (c) => c.json(await drainer.now()));
}
