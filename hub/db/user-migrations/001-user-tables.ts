import type { Migration } from '../migrate.ts';
import { collection } from '../migrations/003-collection.ts';
import { writeback } from '../migrations/004-writeback.ts';
import { changeLog } from '../migrations/005-change-log.ts';
import { pushAndPlays } from '../migrations/006-push-and-plays.ts';
import { wantsWithoutDate } from '../migrations/007-wants-without-date.ts';

/** The tables of user.sqlite: everything the hub holds that the dumps cannot rebuild. */
export const USER_TABLES = [
  'collection_folders',
  'collection_fields',
  'collection_instances',
  'wants',
  'writeback_queue',
  'change_log',
  'sync_meta',
  'pushed_mutations',
  'plays',
  'feed_releases',
] as const;

// The schema catalog.sqlite's migrations 3–7 built, now in a file of its own (see the catalog's
// migration 8): those migrations run here in order, so the two schemas cannot drift apart.
// Their comments say what each table is for.
export const userTables: Migration = {
  version: 1,
  name: 'collection, wantlist, write-back queue, change log, plays',
  up: [collection, writeback, changeLog, pushAndPlays, wantsWithoutDate]
    .map((m) => m.up)
    .join('\n'),
};
