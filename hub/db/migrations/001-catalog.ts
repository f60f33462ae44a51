import type { Migration } from '../migrate.ts';

// Records are stored once as their Discogs-API-shaped JSON document; `hash` identifies the
// dump text they were built from so an unchanged record is never rewritten (design.md, Catalog).
// The relation tables hold only what lookups need.
export const catalog: Migration = {
  version: 1,
  name: 'catalog documents and relations',
  up: `
    CREATE TABLE releases (
      id INTEGER PRIMARY KEY,
      doc TEXT NOT NULL,
      hash BLOB NOT NULL,
      master_id INTEGER,
      deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX releases_by_master ON releases (master_id) WHERE master_id IS NOT NULL;
    CREATE TABLE masters (
      id INTEGER PRIMARY KEY,
      doc TEXT NOT NULL,
      hash BLOB NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE artists (
      id INTEGER PRIMARY KEY,
      doc TEXT NOT NULL,
      hash BLOB NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE labels (
      id INTEGER PRIMARY KEY,
      doc TEXT NOT NULL,
      hash BLOB NOT NULL,
      parent_id INTEGER,
      deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX labels_by_parent ON labels (parent_id) WHERE parent_id IS NOT NULL;

    -- role: 'main' (release artists) or 'extra' (release or track credits)
    CREATE TABLE release_artists (
      artist_id INTEGER NOT NULL,
      release_id INTEGER NOT NULL,
      role TEXT NOT NULL,
      PRIMARY KEY (artist_id, release_id, role)
    ) WITHOUT ROWID;
    CREATE INDEX release_artists_by_release ON release_artists (release_id);
    CREATE TABLE release_labels (
      label_id INTEGER NOT NULL,
      release_id INTEGER NOT NULL,
      catno TEXT NOT NULL,
      PRIMARY KEY (label_id, release_id, catno)
    ) WITHOUT ROWID;
    CREATE INDEX release_labels_by_release ON release_labels (release_id);
    -- code: a barcode or catalogue number folded to lower-case letters and digits
    CREATE TABLE release_codes (
      code TEXT NOT NULL,
      kind TEXT NOT NULL,
      release_id INTEGER NOT NULL,
      PRIMARY KEY (code, kind, release_id)
    ) WITHOUT ROWID;
    CREATE INDEX release_codes_by_release ON release_codes (release_id);
    -- kind: 'alias', 'member' (artist_id is the group) or 'group' (artist_id is the member)
    CREATE TABLE artist_links (
      artist_id INTEGER NOT NULL,
      other_id INTEGER NOT NULL,
      kind TEXT NOT NULL,
      PRIMARY KEY (artist_id, kind, other_id)
    ) WITHOUT ROWID;
  `,
};
