import type { Migration } from '../migrate.ts';

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
// migration 8). The comments on those migrations say what each table is for.
export const userTables: Migration = {
  version: 1,
  name: 'collection, wantlist, write-back queue, change log, plays',
  up: `
    CREATE TABLE collection_folders (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      count INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE collection_fields (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      type TEXT NOT NULL,
      position INTEGER NOT NULL,
      public INTEGER NOT NULL,
      options TEXT,
      lines INTEGER
    );
    CREATE TABLE collection_instances (
      instance_id INTEGER PRIMARY KEY,
      release_id INTEGER NOT NULL,
      folder_id INTEGER NOT NULL,
      rating INTEGER NOT NULL DEFAULT 0,
      date_added TEXT NOT NULL,
      notes TEXT NOT NULL DEFAULT '{}',
      basic TEXT NOT NULL
    );
    CREATE INDEX collection_instances_by_release ON collection_instances (release_id);
    CREATE INDEX collection_instances_by_added ON collection_instances (date_added);
    CREATE TABLE wants (
      release_id INTEGER PRIMARY KEY,
      rating INTEGER NOT NULL DEFAULT 0,
      notes TEXT NOT NULL DEFAULT '',
      date_added TEXT,
      basic TEXT NOT NULL
    );
    CREATE TABLE writeback_queue (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at TEXT NOT NULL,
      edit TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      reason TEXT,
      finished_at TEXT,
      mutation_id TEXT
    );
    CREATE INDEX writeback_pending ON writeback_queue (status, id);
    CREATE UNIQUE INDEX writeback_by_mutation ON writeback_queue (mutation_id) WHERE mutation_id IS NOT NULL;
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
    CREATE TABLE feed_releases (
      release_id INTEGER PRIMARY KEY,
      hash BLOB NOT NULL
    );
  `,
};
