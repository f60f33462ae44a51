import { Hono } from 'hono';
import { z } from 'zod';
import { kinds, plural, type Kind, type KindPlural } from '../../shared/catalog.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { ReplyOf } from '../../shared/hub-api.ts';
import { decimal, valid } from './validate.ts';

const id = z.object({ id: decimal(1) });
const kindOfPlural = Object.fromEntries(kinds.map((k) => [plural[k], k])) as Record<
  KindPlural,
  Kind
>;
const pluralKind = z.enum(kinds.map((k) => plural[k]) as [KindPlural, ...KindPlural[]]);
const page = z.object({
  page: decimal(1).default(1),
  per_page: decimal(1, 100).default(50),
});
const searchQuery = z.object({
  q: z.string().trim().min(1),
  kind: z.enum(kinds).optional(),
  limit: decimal(1, 200).default(50),
});
const codeQuery = z
  .object({ barcode: z.string().min(1).optional(), catno: z.string().min(1).optional() })
  .refine((v) => v.barcode || v.catno, 'give barcode or catno');

/** The local catalog: records in the Discogs API shape, relations and full-text search. */
export function catalogRoutes(store: CatalogStore) {
  return new Hono()
    .get('/search', valid('query', searchQuery), (c) => {
      const q = c.req.valid('query');
      return c.json<ReplyOf<'GET /api/catalog/search'>>({
        results: store.search(q.q, { kind: q.kind, limit: q.limit }),
      });
    })
    .get('/releases', valid('query', codeQuery), (c) => {
      const q = c.req.valid('query');
      return c.json<ReplyOf<'GET /api/catalog/releases'>>({
        results: q.barcode
          ? store.releasesByCode(q.barcode, 'barcode')
          : store.releasesByCode(q.catno!, 'catno'),
      });
    })
    .get(
      '/artists/:id/releases',
      valid('param', id),
      valid('query', page.extend({ role: z.enum(['main', 'track', 'extra']).optional() })),
      (c) => {
        const q = c.req.valid('query');
        return c.json(
          store.releasesOfArtist(
            c.req.valid('param').id,
            { page: q.page, perPage: q.per_page },
            q.role,
          ),
        );
      },
    )
    .get('/labels/:id/releases', valid('param', id), valid('query', page), (c) => {
      const q = c.req.valid('query');
      return c.json(
        store.releasesOfLabel(c.req.valid('param').id, { page: q.page, perPage: q.per_page }),
      );
    })
    .get('/masters/:id/versions', valid('param', id), valid('query', page), (c) => {
      const q = c.req.valid('query');
      return c.json<ReplyOf<'GET /api/catalog/masters/:id/versions'>>(
        store.versionsOfMaster(c.req.valid('param').id, { page: q.page, perPage: q.per_page }),
      );
    })
    .get(
      '/:kinds/:id/discography',
      valid('param', id.extend({ kinds: z.enum(['artists', 'labels']) })),
      (c) => {
        const p = c.req.valid('param');
        const kind = p.kinds === 'artists' ? 'artist' : 'label';
        const d = store.discography(kind, p.id);
        return d
          ? c.json<ReplyOf<'GET /api/catalog/:kinds/:id/discography'>>(d)
          : c.json({ error: `${kind} ${p.id} is not in the catalog` }, 404);
      },
    )
    .get('/:kinds/:id', valid('param', id.extend({ kinds: pluralKind })), (c) => {
      const p = c.req.valid('param');
      const kind = kindOfPlural[p.kinds];
      // The stored JSON is the reply (ReplyOf<'GET /api/catalog/:kinds/:id'>): sent as it is
      // rather than parsed and serialised again.
      const json = store.getJson(kind, p.id);
      return json !== undefined
        ? c.body(json, 200, { 'content-type': 'application/json' })
        : c.json({ error: `${kind} ${p.id} is not in the catalog` }, 404);
    });
}
