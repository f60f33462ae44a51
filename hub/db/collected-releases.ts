import type { Database } from 'better-sqlite3';
import { COLLECTED_RELEASE_IDS } from './collection-store.ts';

/** How many releases are in the collection or the wantlist. */
export function collectedReleaseCount(db: Database): number {
  return db
    .prepare<[], { n: number }>(`SELECT count(*) AS n FROM (${COLLECTED_RELEASE_IDS})`)
    .get()!.n;
}

/** Releases in the collection or wantlist that the catalog has no live document for. */
export function collectedWithoutDocument(db: Database): number[] {
  return db
    .prepare<[], number>(
      `SELECT release_id FROM (${COLLECTED_RELEASE_IDS}) WHERE release_id NOT IN (SELECT id FROM releases WHERE deleted = 0) ORDER BY release_id`,
    )
    .pluck()
    .all();
}

/** The cover and thumbnail URLs the collection and wantlist listings carry, by release. */
export function collectedCoverUrls(
  db: Database,
): Array<{ id: number; cover: string | null; thumb: string | null }> {
  return db
    .prepare<[], { id: number; cover: string | null; thumb: string | null }>(
      `SELECT release_id AS id, json_extract(basic, '$.cover_image') AS cover, json_extract(basic, '$.thumb') AS thumb FROM collection_instances
       UNION SELECT release_id, json_extract(basic, '$.cover_image'), json_extract(basic, '$.thumb') FROM wants`,
    )
    .all();
}
