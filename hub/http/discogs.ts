import { Hono } from 'hono';
import type { DiscogsAccount } from '../discogs/account.ts';

/** The Discogs account as the admin page sees it. */
export function discogsRoutes(account: DiscogsAccount): Hono {
  return new Hono().get('/connection', async (c) => c.json(await account.connection()));
}
