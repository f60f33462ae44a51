import { Hono } from 'hono';
import { z } from 'zod';
import type { CoverCache } from '../discogs/covers.ts';
import { decimal, valid } from './validate.ts';

/** `GET /api/covers/:releaseId?size=full|thumb`: cached covers at stable URLs devices keep offline. */
export function coverRoutes(covers: CoverCache) {
  return new Hono().get(
    '/:releaseId',
    valid('param', z.object({ releaseId: decimal(1) })),
    valid('query', z.object({ size: z.enum(['full', 'thumb']).default('full') })),
    (c) => {
      const { releaseId } = c.req.valid('param');
      const cover = covers.read(releaseId, c.req.valid('query').size);
      if (!cover) return c.json({ error: `no cached cover for release ${releaseId}` }, 404);
      return c.body(cover.body, 200, {
        'content-type': cover.type,
        'cache-control': 'public, max-age=2592000',
      });
    },
  );
}
