import { Hono } from 'hono';
import type { DiscogsAccount } from '../discogs/account.ts';
import type { WriteBackQueue } from '../discogs/writeback.ts';

/** The Discogs account as the admin page sees it: connection, and edits on their way to Discogs. */
export function discogsRoutes(account: DiscogsAccount, queue: WriteBackQueue): Hono {
  return new Hono()
    .get('/connection', async (c) => c.json(await account.connection()))
    .get('/writeback', (c) => c.json({ pending: queue.list('pending'), dropped: queue.list('dropped', 50) }));
}
