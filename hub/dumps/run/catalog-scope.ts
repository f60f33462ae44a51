import type { Database } from 'better-sqlite3';
import type { DumpFileKind } from '../../../shared/dump-runs.ts';
import type { CatalogScope } from '../../../shared/settings.ts';
import { liveReleaseCount } from '../../db/catalog-queries.ts';

/**
 * Processing order: dependency order for a full catalog; for the `collection` scope releases
 * come first, since which masters, artists and labels to keep follows from the kept releases.
 */
export function processingOrder(scope: CatalogScope): DumpFileKind[] {
  return scope === 'full'
    ? ['labels', 'artists', 'masters', 'releases']
    : ['releases', 'masters', 'artists', 'labels'];
}

/**
 * How much the catalog grows per byte of gzip ingested, for the disk check: a first full
 * ingest about 6.2× (bench:ingest: 168 MB of gzip made a 1,039 MB catalog), a monthly update
 * of a full catalog a tenth, and the collection scope next to nothing.
 */
export function catalogGrowth(db: Database, scope: CatalogScope): number {
  if (scope === 'collection') return 0.01;
  return liveReleaseCount(db) < 1000 ? 6.2 : 0.1;
}
