import type { Migration } from '../migrate.ts';

// Documents are stored deflated from here on (hub/catalog/document-codec.ts), so SQLite can no
// longer read a release's year out of its JSON to sort listings: the ingest writes it beside
// the document. Rows stored before keep their plain JSON, and a NULL year, until the next
// ingest rewrites them; queries read the year from the JSON of those (sqlite-catalog-store.ts).
// No backfill: rewriting every row of a 19 M-release catalog in one migration would hold the
// hub for many minutes and double the file in the WAL.
export const releaseYear: Migration = {
  version: 9,
  name: 'release year beside the deflated document',
  up: `ALTER TABLE releases ADD COLUMN year INTEGER;`,
};
