import { z } from 'zod';

/** The Discogs account sync (hub/discogs/account-sync.ts), as the admin page and devices see it. */
export type AccountSyncPhase =
  'folders' | 'fields' | 'collection' | 'wantlist' | 'value' | 'enrich' | 'covers';

/** `GET /api/account-sync/status`. */
export interface AccountSyncStatus {
  state:
    | 'idle'
    | 'running'
    | 'completed'
    | 'cancelled'
    | 'failed'
    | 'offline'
    | 'token_refused'
    | 'not_logged_in';
  kind: 'full' | 'incremental' | null;
  phase: AccountSyncPhase | null;
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

/** One finished account sync, as the hub keeps the last 20 in state.json. */
export const syncRunSchema = z.object({
  kind: z.enum(['full', 'incremental']),
  state: z.enum(['completed', 'cancelled', 'failed', 'offline', 'token_refused']),
  started_at: z.string(),
  finished_at: z.string(),
  requests: z.number().int(),
  too_many: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  /** Listing items Discogs sent malformed, skipped (records before this field: none). */
  skipped: z.number().int().default(0),
  error: z.string().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/** The collection's value as Discogs estimates it, from the last sync (also sent to devices as the `collection_value` setting). */
export const collectionValueSchema = z.object({
  minimum: z.string(),
  median: z.string(),
  maximum: z.string(),
  fetched_at: z.string(),
});
export type CollectionValue = z.infer<typeof collectionValueSchema>;

/** Days of value history kept (sent to devices as the `collection_value_history` setting). */
export const VALUE_HISTORY_DAYS = 3650;

/** `history` with `value` as its day's entry: one a day, the latest sync of the day wins. */
export function withValue(history: CollectionValue[], value: CollectionValue): CollectionValue[] {
  const day = value.fetched_at.slice(0, 10);
  const kept = history.filter((v) => v.fetched_at.slice(0, 10) !== day);
  return [...kept, value].slice(-VALUE_HISTORY_DAYS);
}

/** The shared Discogs rate limiter's budget: requests sent in the last minute, and calls waiting. */
export interface RateUsage {
  limit: number;
  sentInWindow: number;
  waiting: number;
}

/** `GET /api/account-sync/status`: the status with the last runs, the collection's value and the limiter's budget. */
export type AccountSyncView = AccountSyncStatus & {
  runs: SyncRun[];
  value: CollectionValue | null;
  rate: RateUsage;
};

/** `GET /api/discogs/connection`: whether the hub's Discogs token works now. */
export type DiscogsConnection =
  | { state: 'online'; username: string }
  | { state: 'not_logged_in' }
  | { state: 'token_refused'; reason: string }
  | { state: 'offline'; reason: string };

/** `POST /api/discogs/writeback/send`: what one pass over the write-back queue did. */
export interface DrainResult {
  applied: number;
  dropped: number;
  /** Still pending because Discogs could not be reached or refused the token. */
  waiting: number;
  stoppedBy: string | null;
}
