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

/** XML bytes per gzip byte in Discogs' dumps (bench:ingest's corpus: 1,013 MB of XML in 168 MB). */
export const XML_PER_GZIP_BYTE = 6;

/**
 * Catalog bytes per byte of dump XML after a first full ingest, search and relation tables
 * included, with documents compressed (bench:ingest, 1,013 MB of XML: 379 MB).
 */
export const CATALOG_PER_XML_BYTE = 0.37;

/**
 * How much the catalog grows per byte of gzip ingested, for the disk check: a first full
 * ingest about 2.2×, a monthly update of a full catalog a tenth, and the collection scope
 * next to nothing.
 */
export function catalogGrowth(db: Database, scope: CatalogScope): number {
  if (scope === 'collection') return 0.01;
  return liveReleaseCount(db) < 1000 ? XML_PER_GZIP_BYTE * CATALOG_PER_XML_BYTE : 0.1;
}
