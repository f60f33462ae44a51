import type { CatalogSummary } from './catalog.ts';

/** A hit of `GET /api/search`: local catalog hits come first, Discogs' are added when online. */
export type SearchHit = CatalogSummary & { source: 'local' | 'discogs' };

export interface SearchResponse {
  results: SearchHit[];
  /** Whether Discogs' database search was added, and if not, why. */
  discogs: 'ok' | 'skipped' | 'not_logged_in' | 'offline' | 'token_refused' | 'failed';
  reason?: string;
}
