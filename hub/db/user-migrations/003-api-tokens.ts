import type { Migration } from '../migrate.ts';

// Tokens other tools send to the Discogs-compatible API under /discogs. In SQLite rather than
// state.json: `vinylvault api-token create` runs beside a running hub, and a row one process
// writes is the row the other reads, where the hub's in-memory state.json would overwrite it.
// Only a hash of each token is kept.
export const apiTokens: Migration = {
  version: 3,
  name: 'API tokens for the Discogs-compatible API',
  up: `CREATE TABLE api_tokens (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT
  );`,
};
