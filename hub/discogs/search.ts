import { z } from 'zod';
import type { Kind } from '../../shared/catalog.ts';
import type { SearchHit, SearchResponse } from '../../shared/search.ts';
import type { CatalogStore } from '../catalog/catalog-store.ts';
import type { DiscogsAccount } from './account.ts';
import { DiscogsAuthError, DiscogsUnreachable } from './client.ts';
import { readResponse } from './response.ts';

export interface SearchQuery {
  q?: string;
  type?: Kind;
  barcode?: string;
  catno?: string;
}

// Each result is read on its own: one Discogs sends malformed is left out, not the search.
const databaseSearchSchema = z.object({ results: z.array(z.unknown()) });
const databaseResultSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  title: z.string(),
  year: z.union([z.string(), z.number()]).nullish(),
  country: z.string().nullish(),
  label: z.union([z.array(z.string()), z.string()]).nullish(),
  catno: z.string().nullish(),
});
type DatabaseResult = z.output<typeof databaseResultSchema>;

/** Local hits for the query: barcode and catno lookups first, else full-text search. */
function localHits(store: CatalogStore, query: SearchQuery): SearchHit[] {
  const hits = query.barcode
    ? store.releasesByCode(query.barcode, 'barcode')
    : query.catno
      ? store.releasesByCode(query.catno, 'catno')
      : store.search(query.q ?? '', { kind: query.type, limit: 50 });
  return hits.map((h) => ({ ...h, source: 'local' as const }));
}

/** Discogs lists releases as "Artist - Title"; the summary keeps them apart. */
function fromDatabase(r: DatabaseResult): SearchHit | undefined {
  if (!['release', 'master', 'artist', 'label'].includes(r.type)) return undefined;
  const split = r.type === 'release' || r.type === 'master' ? /^(.*?) - (.*)$/.exec(r.title) : null;
  const label = Array.isArray(r.label) ? r.label[0] : r.label;
  return {
    kind: r.type as Kind,
    id: r.id,
    title: split ? split[2]! : r.title,
    artists: split ? split[1] : undefined,
    year: r.year ? Number(r.year) || undefined : undefined,
    country: r.country ?? undefined,
    label: label ?? undefined,
    catno: r.catno ?? undefined,
    source: 'discogs',
  };
}

/**
 * Searches the local catalog at once and, when asked and online, adds Discogs' database search
 * (a user-priority call under the shared limiter). Hits the catalog already has are not repeated.
 * Whatever goes wrong with Discogs, the local hits come back, with Discogs' part marked and why.
 */
export async function searchEverywhere(
  store: CatalogStore,
  account: DiscogsAccount,
  query: SearchQuery,
  remote: boolean,
): Promise<SearchResponse> {
  const results = localHits(store, query);
  if (!remote) return { results, discogs: 'skipped' };
  if (!account.username) return { results, discogs: 'not_logged_in' };
  const params: Record<string, string | number> = { per_page: 50 };
  if (query.q) params.q = query.q;
  if (query.type) params.type = query.type;
  if (query.barcode) params.barcode = query.barcode;
  if (query.catno) params.catno = query.catno;
  try {
    const r = readResponse(
      'GET /database/search',
      databaseSearchSchema,
      await account.client.get<unknown>('/database/search', params, 'user'),
    );
    const seen = new Set(results.map((h) => `${h.kind}/${h.id}`));
    for (const raw of r.results) {
      const d = databaseResultSchema.safeParse(raw);
      const hit = d.success ? fromDatabase(d.data) : undefined;
      if (hit && !seen.has(`${hit.kind}/${hit.id}`)) results.push(hit);
    }
    return { results, discogs: 'ok' };
  } catch (err) {
    if (err instanceof DiscogsAuthError)
      return { results, discogs: 'token_refused', reason: err.message };
    if (err instanceof DiscogsUnreachable)
      return { results, discogs: 'offline', reason: err.message };
    return { results, discogs: 'failed', reason: (err as Error).message };
  }
}
