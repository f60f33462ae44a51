import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { createGunzip, gzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { ingestFile, type IngestResult } from '../../hub/dumps/ingest/ingest-file.ts';
import { SqliteCatalogStore } from '../../hub/db/sqlite-catalog-store.ts';
import { tempDir } from './temp-dir.ts';

export interface TestCatalog {
  dir: string;
  dbPath: string;
  db: Database;
  store: SqliteCatalogStore;
  ingest(file: string): Promise<IngestResult>;
}

/** A real catalog file in a temp dir, closed after the test. */
export function testCatalog(): TestCatalog {
  const dir = tempDir();
  const dbPath = join(dir, 'catalog.sqlite');
  const db = openHubDatabase(dbPath);
  afterEach(() => db.close());
  return {
    dir,
    dbPath,
    db,
    store: new SqliteCatalogStore(db),
    ingest: (file) => ingestFile(file, { db, dbPath, workers: 2 }),
  };
}

export async function gunzipText(file: string): Promise<string> {
  return text(createReadStream(file).pipe(createGunzip()));
}

/** Writes `xml` gzipped as `name` in `dir`. */
export function writeGz(dir: string, name: string, xml: string): string {
  const path = join(dir, name);
  writeFileSync(path, gzipSync(xml));
  return path;
}

/** Everything a catalog holds, to compare two catalogs for equality. */
export function catalogContents(db: Database): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    releases: all(
      'SELECT id, doc, hex(hash) AS hash, master_id, year, deleted FROM releases ORDER BY id',
    ),
    masters: all('SELECT id, doc, hex(hash) AS hash, deleted FROM masters ORDER BY id'),
    artists: all('SELECT id, doc, hex(hash) AS hash, deleted FROM artists ORDER BY id'),
    labels: all('SELECT id, doc, hex(hash) AS hash, parent_id, deleted FROM labels ORDER BY id'),
    releaseArtists: all('SELECT * FROM release_artists ORDER BY artist_id, release_id, role'),
    releaseLabels: all('SELECT * FROM release_labels ORDER BY label_id, release_id, catno'),
    releaseCodes: all('SELECT * FROM release_codes ORDER BY code, kind, release_id'),
    artistLinks: all('SELECT * FROM artist_links ORDER BY artist_id, kind, other_id'),
    search: all(
      "SELECT rowid FROM catalog_search WHERE catalog_search MATCH 'the OR a OR of OR records OR vol' ORDER BY rowid",
    ),
  };
}
