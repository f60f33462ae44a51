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

/** Reads the catalog. The SQLite implementation is db/sqlite-catalog-store.ts. */
export interface CatalogStore {
  /** The live document, or undefined when the id is unknown or was deleted from Discogs. */
  get(kind: Kind, id: number): CatalogDocument | undefined;
  /** The same document's JSON as stored, for callers that only send it on. */
  getJson(kind: Kind, id: number): string | undefined;
  /** Releases crediting an artist; role 'main', 'track' or 'extra' narrows it. */
  releasesOfArtist(artistId: number, page: Page, role?: string): PagedSummaries;
  /** An artist's releases grouped by master, oldest first (the Discogs-compatible API's listing). */
  creditedWorks(artistId: number, page: Page): { rows: CreditedWork[]; total: number };
  /** Releases on a label (or series), with the catalogue number each carries there. */
  releasesOfLabel(labelId: number, page: Page): PagedSummaries;
  versionsOfMaster(masterId: number, page: Page): PagedSummaries;
  /** An artist's main releases or a label's, grouped by master; undefined for an unknown id. */
  discography(kind: 'artist' | 'label', id: number): Discography | undefined;
  /** Releases by barcode or catalogue number, however they were typed. */
  releasesByCode(code: string, kind: 'barcode' | 'catno'): CatalogSummary[];
  search(text: string, options?: { kind?: Kind; limit?: number }): CatalogSummary[];
  counts(): Record<Kind, number>;
}
