/** The user's collection as the hub keeps it (Discogs API shapes where Discogs defines them). */
export interface Folder {
  id: number;
  name: string;
  count: number;
}

export interface Field {
  id: number;
  name: string;
  type: 'dropdown' | 'textarea' | string;
  position: number;
  public: boolean;
  options?: string[];
  lines?: number;
}

export interface Instance {
  instance_id: number;
  release_id: number;
  folder_id: number;
  rating: number;
  date_added: string;
  /** Field values by field id. */
  notes: Record<string, string>;
  /** The listing's basic_information: title, artists, labels, formats, cover URLs. */
  basic: Record<string, unknown>;
}

export interface Want {
  release_id: number;
  rating: number;
  notes: string;
  /** Null when Discogs does not say (its own documented example has none). */
  date_added: string | null;
  basic: Record<string, unknown>;
}

export type SyncPhase = 'folders' | 'fields' | 'collection' | 'wantlist' | 'value' | 'enrich' | 'covers';

/** `GET /api/sync/status`. */
export interface SyncStatus {
  state: 'idle' | 'running' | 'completed' | 'cancelled' | 'failed' | 'offline' | 'token_refused' | 'not_logged_in';
  kind: 'full' | 'incremental' | null;
  phase: SyncPhase | null;
  percent: number;
  etaSeconds: number | null;
  requests: number;
  tooMany: number;
  lastError: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Full documents for collected and wanted releases: from the catalog, fetched, or gone from Discogs. */
  enrichment: { fromCatalog: number; fetched: number; missing: number } | null;
  /** Cover images cached this run, and those that failed (tried again next time). */
  covers: { fetched: number; failed: number } | null;
  /** Listing items Discogs sent malformed, skipped: "instance 123: date_added: …" (the first 20). */
  skipped: string[];
}
