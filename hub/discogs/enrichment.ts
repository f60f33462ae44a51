import type { Database } from 'better-sqlite3';
import type { Release } from '../../shared/catalog.ts';
import { encodeDocument } from '../catalog/document-codec.ts';
import { apiFetchedHash } from '../catalog/catalog-store.ts';
import { relationsOf } from '../catalog/relations.ts';
import { CatalogWriter } from '../db/catalog-writer.ts';
import { collectedReleaseCount, collectedWithoutDocument } from '../db/collected-releases.ts';
import { uncounted, type RequestTally } from './request-tally.ts';
import { apiReleaseSchema } from '../../shared/discogs-api.ts';
import { DiscogsApiError, type DiscogsClient } from './client.ts';
import { DiscogsResponseError, readResponse } from './response.ts';

export interface EnrichResult {
  fromCatalog: number;
  fetched: number;
  missing: number;
}

/**
 * Gives every collected or wanted release its full document. Most come from the dump catalog
 * for free; only the ones it lacks are fetched with `GET /releases/{id}`, at background
 * priority so a person's actions go first. A fetched document is written to the catalog like
 * a dump record, with a hash no dump text can have, so the next dump ingest replaces it.
 */
export async function enrichReleases(
  db: Database,
  client: DiscogsClient,
  signal?: AbortSignal,
  tally: RequestTally = uncounted,
): Promise<EnrichResult> {
  const wanted = collectedReleaseCount(db);
  const ids = collectedWithoutDocument(db);
  const writer = new CatalogWriter(db, 'release');
  let fetched = 0;
  let missing = 0;
  tally.plan(ids.length);
  for (const id of ids) {
    if (signal?.aborted) break;
    let doc: Release;
    try {
      doc = readResponse(
        `GET /releases/${id}`,
        apiReleaseSchema,
        await client.get<unknown>(`/releases/${id}`, {}, 'background', signal),
      ) as unknown as Release;
      tally.made();
    } catch (err) {
      tally.made();
      // A release Discogs no longer has (404), or sends malformed, stays known by its listing data only.
      if (
        (err instanceof DiscogsApiError && err.status === 404) ||
        err instanceof DiscogsResponseError
      ) {
        missing++;
        continue;
      }
      throw err;
    }
    const stored = encodeDocument(JSON.stringify(doc));
    db.transaction(() =>
      writer.put(
        {
          id,
          stored: 'absent',
          hash: apiFetchedHash(id).toString('hex'),
          docLength: stored.length,
          relations: relationsOf('release', doc),
        },
        stored,
        true,
      ),
    )();
    fetched++;
  }
  return { fromCatalog: wanted - ids.length, fetched, missing };
}
