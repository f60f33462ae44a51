import type { Migration } from '../migrate.ts';

// A record added on a device gets a provisional (negative) instance id until Discogs answers
// the write-back with its own. Edits made before that may still arrive naming the provisional
// id, from devices that were offline: this maps them, for as long as the hub lives.
export const addedInstances: Migration = {
  version: 2,
  name: 'instance ids of records added on devices',
  up: `CREATE TABLE instance_aliases (
    provisional_id INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL,
    confirmed_at TEXT NOT NULL
  );`,
};
