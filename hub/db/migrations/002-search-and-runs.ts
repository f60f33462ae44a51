import type { Migration } from '../migrate.ts';

// Full-text search over every record kind. Contentless (the documents already hold the text);
// rowid = id * 4 + kind number (see catalog/search-index.ts), so one index serves all kinds.
export const searchAndRuns: Migration = {
  version: 2,
  name: 'full-text search and ingest runs',
  up: `
    CREATE VIRTUAL TABLE catalog_search USING fts5 (
      title, artists, labels, codes,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', detail = column
    );
    CREATE TABLE ingest_runs (
      id INTEGER PRIMARY KEY,
      file TEXT NOT NULL,
      kind TEXT,
      status TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      bytes INTEGER NOT NULL DEFAULT 0,
      added INTEGER NOT NULL DEFAULT 0,
      changed INTEGER NOT NULL DEFAULT 0,
      unchanged INTEGER NOT NULL DEFAULT 0,
      deleted INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      error TEXT
    );
  `,
};
