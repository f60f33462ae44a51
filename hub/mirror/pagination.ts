import { NotFoundError } from '../errors.ts';

/** Discogs' cap on `per_page`; larger values are served as 100, as Discogs does. */
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 50;

export interface Pagination {
  page: number;
  pages: number;
  per_page: number;
  items: number;
  urls: { first?: string; prev?: string; next?: string; last?: string };
}

/**
 * The API's pagination object for `items` results, its links absolute URLs on the hub (what
 * `pageUrl` gives for a page), present only where Discogs sends them: `first` and `prev` past
 * page 1, `next` and `last` before the last. A page beyond the last is Discogs' 404.
 */
export function pagination(
  items: number,
  page: number,
  perPage: number,
  pageUrl: (page: number) => string,
): Pagination {
  const pages = Math.max(1, Math.ceil(items / perPage));
  if (page > pages)
    throw new NotFoundError(`Page ${page} is outside of valid range [1, ${pages}].`);
  const urls: Pagination['urls'] = {};
  if (page > 1) {
    urls.first = pageUrl(1);
    urls.prev = pageUrl(page - 1);
  }
  if (page < pages) {
    urls.last = pageUrl(pages);
    urls.next = pageUrl(page + 1);
  }
  return { page, pages, per_page: perPage, items, urls };
}
