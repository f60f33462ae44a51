import type { Database } from 'better-sqlite3';
import type { DumpFileKind } from '../../shared/dump-runs.ts';
import { COLLECTED_RELEASE_IDS } from '../db/collection-store.ts';

export type CatalogScope = 'full' | 'collection';

/**
 * Processing order: dependency order for a full catalog; for the `collection` scope releases
 * come first, since which masters, artists and labels to keep follows from the kept releases.
 */
export function processingOrder(scope: CatalogScope): DumpFileKind[] {
  return scope === 'full' ? ['labels', 'artists', 'masters', 'releases'] : ['releases', 'masters', 'artists', 'labels'];
}

/** The ids the `collection` scope keeps of a kind: collected and wanted releases and what they point to. */
export function scopeIds(db: Database, kind: DumpFileKind): Set<number> {
  const kept = COLLECTED_RELEASE_IDS;
  const sql = {
    releases: kept,
    masters: `SELECT DISTINCT master_id FROM releases WHERE deleted = 0 AND master_id IS NOT NULL AND id IN (${kept})`,
    artists: `SELECT DISTINCT artist_id FROM release_artists WHERE release_id IN (${kept})`,
    labels: `SELECT DISTINCT label_id FROM release_labels WHERE release_id IN (${kept})`,
  }[kind];
  return new Set(db.prepare(sql).pluck().all() as number[]);
}

/**
 * How much the catalog grows per byte of gzip ingested, for the disk check: a first full
 * ingest about 6.2× (bench:ingest: 168 MB of gzip made a 1,039 MB catalog), a monthly update
 * of a full catalog a tenth, and the collection scope next to nothing.
 */
export function catalogGrowth(db: Database, scope: CatalogScope): number {
  if (scope === 'collection') return 0.01;
  const releases = (db.prepare('SELECT count(*) AS n FROM releases WHERE deleted = 0').get() as { n: number }).n;
  return releases < 1000 ? 6.2 : 0.1;
}
