import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { migrate, type Migration } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { userDataApart } from './migrations/008-user-data-apart.ts';
import { userMigrations } from './user-migrations/index.ts';
import { migrateUserFile } from './user-file.ts';

export type { Database } from 'better-sqlite3';

/** The user's data, next to catalog.sqlite: what a backup holds (see hub/backup/). */
export const USER_FILE = 'user.sqlite';

export function userFileBeside(catalogFile: string): string {
  return join(dirname(catalogFile), USER_FILE);
}

/**
 * Opens the hub database: the dump catalog in `file` (catalog.sqlite) with the user's data
 * (collection, plays, change log, write-back queue) in user.sqlite beside it, attached as
 * `user`. Table names are unique across the two, so queries name tables without a schema.
 * Both are in WAL mode (readers in worker threads do not block the writer) and brought up to
 * date.
 */
export function openHubDatabase(
  file: string,
  options: { readonly?: boolean } = {},
): Database.Database {
  const readonly = options.readonly ?? false;
  const userFile = userFileBeside(file);
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma('busy_timeout = 5000');
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
    // last transactions, and an ingest that loses them simply redoes them on the next run.
    db.pragma('synchronous = NORMAL');
    // Ingest inserts into large relation indexes at scattered keys: a 32 MB page cache (the
    // default is 2 MB) and fewer, larger checkpoints make it about a tenth faster; 64 MB was
    // no faster and cost 40 MB of RSS (bench:ingest).
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 16384');
    // The catalog up to the split first: a new user file adopts the tables it then holds.
    migrate(db, file, migrations, userDataApart.version - 1);
    migrateUserFile(userFile, file);
    migrate(db, file, migrations);
  }
  // A read-only connection attaches read-only too (ATTACH takes the connection's flags).
  db.prepare('ATTACH ? AS user').run(userFile);
  if (!readonly) db.pragma('user.synchronous = NORMAL');
  return db;
}

/** Whether opening the hub database would migrate user.sqlite or catalog.sqlite (read only). */
export function migrationsPending(catalogFile: string): boolean {
  const behind = (file: string, list: readonly Migration[]) => {
    if (!existsSync(file)) return false;
    const db = new Database(file, { readonly: true });
    try {
      const recorded = db
        .prepare<[], number | null>(
          "SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations') THEN (SELECT max(version) FROM schema_migrations) END",
        )
        .pluck()
        .get();
      return (recorded ?? 0) < list.at(-1)!.version;
    } finally {
      db.close();
    }
  };
  return behind(userFileBeside(catalogFile), userMigrations) || behind(catalogFile, migrations);
}
