import { Hono } from 'hono';
import { z } from 'zod';
import { kinds, plural, type Kind, type KindPlural } from '../../shared/catalog.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import { decimal, parse } from './validate.ts';

const id = decimal(1);
const kindOfPlural = Object.fromEntries(kinds.map((k) => [plural[k], k])) as Record<KindPlural, Kind>;
const pluralKind = z.enum(kinds.map((k) => plural[k]) as [KindPlural, ...KindPlural[]]);
const page = z.object({
  page: decimal(1).default(1),
  per_page: decimal(1, 100).default(50),
});

/** The local catalog: records in the Discogs API shape, relations and full-text search. */
export function catalogRoutes(store: CatalogStore): Hono {
  const app = new Hono();

  app.get('/search', (c) => {
    const q = parse(c, z.object({ q: z.string().trim().min(1), kind: z.enum(kinds).optional(), limit: decimal(1, 200).default(50) }), c.req.query());
    if (q instanceof Response) return q;
    return c.json({ results: store.search(q.q, { kind: q.kind, limit: q.limit }) });
  });

  app.get('/releases', (c) => {
    const q = parse(c, z.object({ barcode: z.string().min(1).optional(), catno: z.string().min(1).optional() }).refine((v) => v.barcode || v.catno, 'give barcode or catno'), c.req.query());
    if (q instanceof Response) return q;
    const results = q.barcode ? store.releasesByCode(q.barcode, 'barcode') : store.releasesByCode(q.catno!, 'catno');
    return c.json({ results });
  });

  app.get('/artists/:id/releases', (c) => {
    const p = parse(c, page.extend({ id, role: z.enum(['main', 'track', 'extra']).optional() }), { ...c.req.query(), id: c.req.param('id') });
    if (p instanceof Response) return p;
    return c.json(store.releasesOfArtist(p.id, { page: p.page, perPage: p.per_page }, p.role));
  });

  app.get('/labels/:id/releases', (c) => {
    const p = parse(c, page.extend({ id }), { ...c.req.query(), id: c.req.param('id') });
    if (p instanceof Response) return p;
    return c.json(store.releasesOfLabel(p.id, { page: p.page, perPage: p.per_page }));
  });

  app.get('/masters/:id/versions', (c) => {
    const p = parse(c, page.extend({ id }), { ...c.req.query(), id: c.req.param('id') });
    if (p instanceof Response) return p;
    return c.json(store.versionsOfMaster(p.id, { page: p.page, perPage: p.per_page }));
  });

  app.get('/:kinds/:id', (c) => {
    const p = parse(c, z.object({ kinds: pluralKind, id }), c.req.param());
    if (p instanceof Response) return p;
    const kind = kindOfPlural[p.kinds];
    const doc = store.get(kind, p.id);
    return doc ? c.json(doc) : c.json({ error: `${kind} ${p.id} is not in the catalog` }, 404);
  });

  return app;
}
