import type {
  CatalogDocument,
  CatalogSummary,
  Discography,
  Kind,
  PagedSummaries,
} from '../../shared/catalog.ts';

export type { PagedSummaries };

export interface Page {
  page: number;
  perPage: number;
}

/**
 * A row of an artist's releases as Discogs lists them: one per master (its first credited
 * version standing for it), or the release itself when it has none; `role` is the artist's
 * closest credit on any of them.
 */
export interface CreditedWork {
  masterId?: number;
  releaseId: number;
  role: 'main' | 'track' | 'extra';
}

/**
 * Where a document came from: `dump`, Discogs' monthly data dumps (CC0); `any` also counts
 * documents the hub fetched with `GET /releases/{id}` for the user (discogs/enrichment.ts),
 * which the API's terms do not let the hub serve on to other tools.
 */
export type DocumentOrigin = 'dump' | 'any';

/** The hash of a document fetched from the API: no hash of dump text starts so. */
export function apiFetchedHash(id: number): Buffer {
  return Buffer.from(`${API_FETCHED}${id}`);
}
export const API_FETCHED = 'api:';

/** Reads the catalog. The SQLite implementation is db/sqlite-catalog-store.ts. */
export interface CatalogStore {
  /** The live document, or undefined when the id is unknown or was deleted from Discogs. */
  get(kind: Kind, id: number, origin?: DocumentOrigin): CatalogDocument | undefined;
  /** The same document's JSON as stored, for callers that only send it on. */
  getJson(kind: Kind, id: number, origin?: DocumentOrigin): string | undefined;
  /** Releases crediting an artist; role 'main', 'track' or 'extra' narrows it. */
  releasesOfArtist(artistId: number, page: Page, role?: string): PagedSummaries;
  /** An artist's releases from the dumps grouped by master, oldest first (the Discogs-compatible API's listing). */
  creditedWorks(artistId: number, page: Page): { rows: CreditedWork[]; total: number };
  /** Releases on a label (or series), with the catalogue number each carries there. */
  releasesOfLabel(labelId: number, page: Page, origin?: DocumentOrigin): PagedSummaries;
  versionsOfMaster(masterId: number, page: Page, origin?: DocumentOrigin): PagedSummaries;
  /** An artist's main releases or a label's, grouped by master; undefined for an unknown id. */
  discography(kind: 'artist' | 'label', id: number): Discography | undefined;
  /** Releases by barcode or catalogue number, however they were typed. */
  releasesByCode(code: string, kind: 'barcode' | 'catno'): CatalogSummary[];
  search(text: string, options?: { kind?: Kind; limit?: number }): CatalogSummary[];
  /** A search's matches, best first, by kind and id only (at most a few thousand). */
  ranked(text: string, kind?: Kind, origin?: DocumentOrigin): Array<{ kind: Kind; id: number }>;
  counts(): Record<Kind, number>;
}
