import type { Migration } from '../migrate.ts';

// The delta-sync change log (design.md, Delta sync). One row per entity: a change replaces the
// entity's row, so the log keeps only the latest change of each (compaction by construction)
// and AUTOINCREMENT gives every change a seq larger than any before it, never reused.
export const changeLog: Migration = {
  version: 5,
  name: 'delta-sync change log',
  up: `
    CREATE TABLE change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      op TEXT NOT NULL,
      value TEXT,
      at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX change_log_by_entity ON change_log (entity, entity_id);
    CREATE TABLE sync_meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
