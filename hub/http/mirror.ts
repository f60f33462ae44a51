import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Kind, Master, Release } from '../../shared/catalog.ts';
import type { ApiTokens } from '../auth/api-tokens.ts';
import type { CatalogStore, CreditedWork, Page } from '../catalog/catalog-store.ts';
import { apiShape, appPageUrl, type MirrorUrls } from '../mirror/api-shape.ts';
import { searchDatabase, searchParamsSchema } from '../mirror/database-search.ts';
import { artistReleaseItem, labelReleaseItem, versionItem } from '../mirror/listing-items.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, pagination } from '../mirror/pagination.ts';
import { refuseUnsortable, SORTABLE, sortOrderOf, sortRows } from '../mirror/sorted-listing.ts';
import { requestAddress } from './front-door/request-address.ts';
import { decimal, valid } from './validate.ts';

/** Discogs' words for a record it does not have, per kind. */
const notFound: Record<Kind, string> = {
  release: 'Release not found.',
  master: 'Master Release not found.',
  artist: 'Artist not found.',
  label: 'Label not found.',
};

// The hub sets no limit: these say so in the headers clients pace themselves by, so one that
// sleeps when "remaining" runs low never does. Discogs' own figure is 60 a minute.
const RATE_LIMIT = '10000';

/** The token as Discogs clients send it: `Authorization: Discogs token=…`, or `?token=…`. */
function tokenOf(authorization: string | undefined, query: string | undefined): string | undefined {
  const m = /^Discogs\s+token=(\S+)/i.exec(authorization ?? '');
  return m?.[1] ?? query;
}

function requireApiToken(tokens: ApiTokens): MiddlewareHandler {
  return async (c, next) => {
    c.header('X-Discogs-Ratelimit', RATE_LIMIT);
    c.header('X-Discogs-Ratelimit-Used', '0');
    c.header('X-Discogs-Ratelimit-Remaining', RATE_LIMIT);
    const token = tokenOf(c.req.header('authorization'), c.req.query('token'));
    if (!token || tokens.identify(token) === undefined)
      return c.json({ message: 'You must authenticate to access this resource.' }, 401);
    return next();
  };
}

// The sorts Discogs documents for each listing that has them.
const VERSION_SORTS = ['released', 'title', 'format', 'label', 'catno', 'country'] as const;
const ARTIST_RELEASE_SORTS = ['year', 'title', 'format'] as const;

/** Discogs' answer to a path it has no resource at: the mirror's too. */
export const MIRROR_NOT_FOUND = { message: 'The requested resource was not found.' };

/**
 * The Discogs-compatible API (design.md): api.discogs.com's paths and JSON under /discogs, for
 * the collector's other tools, read from the dump catalog with no rate limit. Only hub API
 * tokens reach it, and they reach nothing else. The same routes answer at the root too, for
 * client libraries that take a host but build every path from `/` (@lionralfs/discogs-client).
 */
export function mirrorRoutes(catalog: CatalogStore, tokens: ApiTokens, trustProxy: boolean): Hono {
  const app = new Hono();
  // The API's own paths only: the same routes also answer at the hub's root (app.ts), where
  // every other path is the app's.
  for (const path of ['/releases/*', '/masters/*', '/artists/*', '/labels/*', '/database/*'])
    app.use(path, requireApiToken(tokens));
  const release = (id: number) => catalog.get('release', id, 'dump') as Release;
  const recordUrl = (urls: MirrorUrls) => (kind: Kind, id: number) => `${urls.api}/${kind}s/${id}`;
  // A record's listing: Discogs' 404 for an unknown record, then a page of `key` rows.
  const listing = (
    kind: Kind,
    path: string,
    key: string,
    sorts: readonly string[],
    list: (
      id: number,
      page: Page,
      url: (kind: Kind, id: number) => string,
    ) => {
      total: number;
      items: object[];
    },
  ) =>
    app.get(`/${kind}s/:id{[0-9]{1,15}}/${path}`, valid('query', pageQuery), (c) => {
      const id = Number(c.req.param('id'));
      if (catalog.getJson(kind, id, 'dump') === undefined)
        return c.json({ message: notFound[kind] }, 404);
      const urls = mirrorUrls(requestAddress(c, trustProxy));
      const page = pageOf(c.req.valid('query'));
      const order = sortOrderOf(c.req.query(), sorts);
      const url = recordUrl(urls);
      let total: number;
      let items: object[];
      if (order) {
        // Counted first (a page of none reads no document), so a listing too long is refused
        // before any row is read.
        refuseUnsortable(list(id, { page: 1, perPage: 0 }, url).total);
        const all = list(id, { page: 1, perPage: SORTABLE }, url);
        const start = (page.page - 1) * page.perPage;
        total = all.total;
        items = sortRows(all.items, order).slice(start, start + page.perPage);
      } else ({ total, items } = list(id, page, url));
      return c.json({
        pagination: pagination(total, page.page, page.perPage, pageUrl(c.req.url, urls)),
        [key]: items,
      });
    });
  listing('master', 'versions', 'versions', VERSION_SORTS, (id, page, url) => {
    const { total, items } = catalog.versionsOfMaster(id, page, 'dump');
    return { total, items: items.map((s) => versionItem(release(s.id), url('release', s.id))) };
  });
  listing('label', 'releases', 'releases', [], (id, page, url) => {
    const { total, items } = catalog.releasesOfLabel(id, page, 'dump');
    return {
      total,
      items: items.map((s) => labelReleaseItem(release(s.id), s.catno, url('release', s.id))),
    };
  });
  listing('artist', 'releases', 'releases', ARTIST_RELEASE_SORTS, (id, page, url) => {
    const { total, rows } = catalog.creditedWorks(id, page);
    const master = (w: CreditedWork) =>
      w.masterId === undefined ? undefined : (catalog.get('master', w.masterId, 'dump') as Master);
    return {
      total,
      items: rows.map((w) => artistReleaseItem(id, w, master(w), release(w.releaseId), url)),
    };
  });
  app.get('/database/search', valid('query', searchParamsSchema.extend(pageQuery.shape)), (c) => {
    const params = c.req.valid('query');
    const urls = mirrorUrls(requestAddress(c, trustProxy));
    const page = pageOf(params);
    const { total, items } = searchDatabase(catalog, params, page, {
      record: recordUrl(urls),
      page: (kind, id) => appPageUrl(urls, kind, id),
    });
    return c.json({
      pagination: pagination(total, page.page, page.perPage, pageUrl(c.req.url, urls)),
      results: items,
    });
  });
  for (const kind of ['release', 'master', 'artist', 'label'] as const)
    app.get(`/${kind}s/:id{[0-9]{1,15}}`, (c) => {
      const doc = catalog.get(kind, Number(c.req.param('id')), 'dump');
      if (!doc) return c.json({ message: notFound[kind] }, 404);
      return c.json(apiShape(kind, doc, mirrorUrls(requestAddress(c, trustProxy))));
    });
  return app;
}

const pageQuery = z.object({
  page: decimal(1).default(1),
  // Discogs serves more than its cap as the cap rather than refusing.
  per_page: decimal(1)
    .default(DEFAULT_PER_PAGE)
    .transform((n) => Math.min(n, MAX_PER_PAGE)),
});

function pageOf(query: z.infer<typeof pageQuery>): Page {
  return { page: query.page, perPage: query.per_page };
}

/** The same listing's URL at another page, on the hub, without the token a client sent. */
function pageUrl(requestUrl: string, urls: MirrorUrls): (page: number) => string {
  const asked = new URL(requestUrl);
  return (page) => {
    const query = new URLSearchParams(asked.searchParams);
    query.delete('token');
    query.set('page', String(page));
    return `${urls.app}${asked.pathname}?${query}`;
  };
}

/** The hub's own addresses as the request named it, so the URLs a client follows reach it again. */
function mirrorUrls(address: ReturnType<typeof requestAddress>): MirrorUrls {
  const app = `${address.secure ? 'https' : 'http'}://${address.host ?? 'localhost'}`;
  return { api: `${app}/discogs`, app };
}
