import type { Migration } from '../migrate.ts';

// Edits waiting to reach Discogs, in the order they were made. Kept after they are applied or
// dropped, with the reason, so the admin page can show what failed and why.
export const writeback: Migration = {
  version: 4,
  name: 'write-back queue',
  up: `
    CREATE TABLE writeback_queue (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at TEXT NOT NULL,
      edit TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      reason TEXT,
      finished_at TEXT
    );
    CREATE INDEX writeback_pending ON writeback_queue (status, id);
  `,
};
