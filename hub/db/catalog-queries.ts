import type { Database } from 'better-sqlite3';
import type { DumpFileKind } from '../../shared/dump-runs.ts';
import { plural, type Kind } from '../../shared/catalog.ts';
import { CURRENT_FORMAT, decodeDocument } from '../catalog/document-codec.ts';
import type { StoredLookup, StoredRecord } from '../dumps/ingest/chunk-processor.ts';
import { COLLECTED_RELEASE_IDS } from './collection-store.ts';

/** The ids the `collection` catalog scope keeps of a kind: collected and wanted releases and what they point to. */
export function idsInCollectionScope(db: Database, kind: DumpFileKind): Set<number> {
  const kept = COLLECTED_RELEASE_IDS;
  const sql = {
    releases: kept,
    masters: `SELECT DISTINCT master_id FROM releases WHERE deleted = 0 AND master_id IS NOT NULL AND id IN (${kept})`,
    artists: `SELECT DISTINCT artist_id FROM release_artists WHERE release_id IN (${kept})`,
    labels: `SELECT DISTINCT label_id FROM release_labels WHERE release_id IN (${kept})`,
  }[kind];
  return new Set(db.prepare(sql).pluck().all() as number[]);
}

export function liveReleaseCount(db: Database): number {
  return db
    .prepare<[], { n: number }>('SELECT count(*) AS n FROM releases WHERE deleted = 0')
    .get()!.n;
}

/** Every live release document's JSON, by id (the demo's sample collection picks from them). */
export function liveReleaseDocs(db: Database): string[] {
  return db
    .prepare<[], Buffer | string>('SELECT doc FROM releases WHERE deleted = 0 ORDER BY id')
    .pluck()
    .all()
    .map(decodeDocument);
}

/** A statement a parse worker asks, per record, for what the catalog holds of it. */
export function storedHashLookup(db: Database, kind: Kind): StoredLookup {
  // Stale: plain JSON text from before documents were compressed, or an older format.
  const lookup = db.prepare<[Buffer, number], StoredRecord>(
    `SELECT hash, deleted, typeof(doc) = 'text' OR substr(doc, 1, 1) <> ? AS stale FROM ${plural[kind]} WHERE id = ?`,
  );
  const current = Buffer.from([CURRENT_FORMAT]);
  return (id) => lookup.get(current, id);
}

/** Moves the WAL into the database file and empties it: after an ingest, so the WAL does not stay gigabytes big. */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
