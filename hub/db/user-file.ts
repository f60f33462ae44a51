import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { migrate, schemaVersion } from './migrate.ts';
import { USER_TABLES } from './user-migrations/001-user-tables.ts';
import { userMigrations } from './user-migrations/index.ts';

/**
 * Brings user.sqlite up to date. A new one adopts the user tables of a catalog.sqlite from
 * before the split (schema version 3–7 kept them there), in the same transaction that creates
 * it, so a crash either leaves no user file or one with every row: the catalog's migration 8,
 * which drops those tables, runs only after this has committed.
 */
export function migrateUserFile(userFile: string, catalogFile: string): void {
  const db = new Database(userFile);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    const fresh = schemaVersion(db) === 0;
    const legacy = fresh && existsSync(catalogFile);
    if (legacy) db.prepare('ATTACH ? AS legacy').run(catalogFile);
    db.transaction(() => {
      migrate(db, userFile, userMigrations);
      if (legacy) adoptLegacyTables(db);
    })();
  } finally {
    db.close();
  }
}

function adoptLegacyTables(db: Database.Database): void {
  const present = new Set(
    db
      .prepare<[], string>("SELECT name FROM legacy.sqlite_master WHERE type = 'table'")
      .pluck()
      .all(),
  );
  for (const table of USER_TABLES) {
    if (!present.has(table)) continue;
    // By name, not position: migration 6 added writeback_queue.mutation_id after the fact.
    const columns = db
      .prepare<[], string>(`SELECT name FROM pragma_table_info('${table}', 'legacy')`)
      .pluck()
      .all()
      .join(', ');
    db.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM legacy.${table}`);
  }
  // AUTOINCREMENT counters: a change-log seq is never reused, even across the move.
  // sqlite_sequence has no key, so the rows the inserts made are replaced by hand.
  const counters = "name IN ('change_log', 'writeback_queue')";
  db.exec(`DELETE FROM main.sqlite_sequence WHERE ${counters}`);
  db.exec(
    `INSERT INTO main.sqlite_sequence SELECT * FROM legacy.sqlite_sequence WHERE ${counters}`,
  );
}
