import type { Migration } from '../migrate.ts';

// Discogs' wantlist items may come without `date_added` (its own documented example has none);
// the column was NOT NULL and such a wantlist could not be stored at all. SQLite cannot drop a
// NOT NULL constraint in place, so the table is rebuilt with its rows.
export const wantsWithoutDate: Migration = {
  version: 7,
  name: 'wants may lack date_added',
  up: `
    CREATE TABLE wants_new (
      release_id INTEGER PRIMARY KEY,
      rating INTEGER NOT NULL DEFAULT 0,
      notes TEXT NOT NULL DEFAULT '',
      date_added TEXT,
      basic TEXT NOT NULL
    );
    INSERT INTO wants_new (release_id, rating, notes, date_added, basic) SELECT release_id, rating, notes, date_added, basic FROM wants;
    DROP TABLE wants;
    ALTER TABLE wants_new RENAME TO wants;
  `,
};
