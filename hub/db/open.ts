import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

export type { Database } from 'better-sqlite3';

/**
 * Opens the hub database (the dump catalog and the user data: collection, plays, change log,
 * write-back queue) in WAL mode (readers in worker threads do not block the writer) and
 * brings its schema up to date.
 */
export function openHubDatabase(
  file: string,
  options: { readonly?: boolean } = {},
): Database.Database {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
    // last transactions, and an ingest that loses them simply redoes them on the next run.
    db.pragma('synchronous = NORMAL');
    // Ingest inserts into large relation indexes at scattered keys: a 32 MB page cache (the
    // default is 2 MB) and fewer, larger checkpoints make it about a tenth faster; 64 MB was
    // no faster and cost 40 MB of RSS (bench:ingest).
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 16384');
    migrate(db, file);
  }
  return db;
}
