import type { Migration } from '../migrate.ts';

// The user's Discogs collection and wantlist as the API lists them. `basic` keeps the listing's
// basic_information (title, artists, labels, formats, cover URLs) so the collection is complete
// even for releases the catalog lacks; `notes` holds the instance's field values by field id.
export const collection: Migration = {
  version: 3,
  name: 'collection, fields, wantlist',
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
      date_added TEXT NOT NULL,
      basic TEXT NOT NULL
    );
  `,
};
