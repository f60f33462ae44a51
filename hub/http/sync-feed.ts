import { Hono } from 'hono';
import { z } from 'zod';
import type { ChangeLog } from '../sync/change-log.ts';
import { parse } from './validate.ts';

/** `GET /api/sync/pull?since=&limit=&epoch=`: the change feed every paired device pulls. */
export function syncFeedRoutes(log: ChangeLog): Hono {
  return new Hono().get('/pull', (c) => {
    const q = parse(
      c,
      z.object({
        since: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(500),
        epoch: z.string().min(1).optional(),
      }),
      c.req.query(),
    );
    if (q instanceof Response) return q;
    return c.json(log.pull(q.since, q.epoch, q.limit));
  });
}
