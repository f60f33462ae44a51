import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CoverCache } from '../discogs/covers.ts';
import { decimal, parse } from './validate.ts';

/** `GET /api/covers/:releaseId?size=full|thumb`: cached covers at stable URLs devices keep offline. */
export function coverRoutes(covers: CoverCache): Hono {
  return new Hono().get('/:releaseId', (c) => {
    const p = parse(c, z.object({ releaseId: decimal(1), size: z.enum(['full', 'thumb']).default('full') }), { ...c.req.query(), ...c.req.param() });
    if (p instanceof Response) return p;
    const file = covers.path(p.releaseId, p.size);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return c.json({ error: `no cached cover for release ${p.releaseId}` }, 404);
    }
    const type = readFileSync(`${file}.type`, 'utf8').trim() || 'application/octet-stream';
    return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'public, max-age=2592000' });
  });
}
