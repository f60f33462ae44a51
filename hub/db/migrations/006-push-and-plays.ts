import type { Migration } from '../migrate.ts';

// What delta sync needs beyond the change log (design.md, Delta sync):
// - `pushed_mutations` remembers every mutation id a device pushed, with its outcome, so a
//   resent push (a reply lost on the way, a re-paired device) never applies an edit twice;
// - `plays` holds the play logs, which Discogs has no field for;
// - `writeback_queue.mutation_id` ties a Discogs edit to the device mutation that caused it;
// - `feed_releases` holds the document hash last put in the change log for each collected or
//   wanted release, so a dump ingest or a fetch that changes the document reaches devices.
export const pushAndPlays: Migration = {
  version: 6,
  name: 'pushed mutations, plays, release documents in the feed',
  up: `
    CREATE TABLE pushed_mutations (
      id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      reason TEXT,
      received_at TEXT NOT NULL
    );
    CREATE TABLE plays (
      id TEXT PRIMARY KEY,
      instance_id INTEGER NOT NULL,
      release_id INTEGER NOT NULL,
      played_at TEXT NOT NULL,
      device_id TEXT NOT NULL,
      device_name TEXT NOT NULL
    );
    CREATE INDEX plays_by_instance ON plays (instance_id);
    ALTER TABLE writeback_queue ADD COLUMN mutation_id TEXT;
    CREATE UNIQUE INDEX writeback_by_mutation ON writeback_queue (mutation_id) WHERE mutation_id IS NOT NULL;
    CREATE TABLE feed_releases (
      release_id INTEGER PRIMARY KEY,
      hash BLOB NOT NULL
    );
  `,
};
