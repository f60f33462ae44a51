import type { Database } from 'better-sqlite3';
import { decodeDocument } from '../catalog/document-codec.ts';
import { COLLECTED_RELEASE_IDS } from './collection-store.ts';

/** The feed_releases table: which document hash of each collected release devices were last sent (hub/device-sync/release-feed.ts). */
export class ReleaseFeedTable {
  constructor(private readonly db: Database) {}

  /** Collected or wanted releases whose live document differs from the one last sent, or was never sent. */
  changed(): Array<{ id: number; json: string; hash: Buffer }> {
    return this.db
      .prepare<[], { id: number; doc: Buffer | string; hash: Buffer }>(
        `SELECT r.id, r.doc, r.hash FROM releases r JOIN (${COLLECTED_RELEASE_IDS}) c ON c.release_id = r.id
         LEFT JOIN feed_releases f ON f.release_id = r.id
         WHERE r.deleted = 0 AND (f.hash IS NULL OR f.hash <> r.hash)`,
      )
      .all()
      .map(({ id, doc, hash }) => ({ id, json: decodeDocument(doc), hash }));
  }

  /** Releases sent once that are no longer collected, or whose document is gone. */
  gone(): number[] {
    return this.db
      .prepare<[], number>(
        `SELECT f.release_id FROM feed_releases f
         WHERE f.release_id NOT IN (${COLLECTED_RELEASE_IDS})
            OR NOT EXISTS (SELECT 1 FROM releases r WHERE r.id = f.release_id AND r.deleted = 0)`,
      )
      .pluck()
      .all();
  }

  sent(id: number, hash: Buffer): void {
    this.db
      .prepare('INSERT OR REPLACE INTO feed_releases (release_id, hash) VALUES (?, ?)')
      .run(id, hash);
  }

  forget(id: number): void {
    this.db.prepare('DELETE FROM feed_releases WHERE release_id = ?').run(id);
  }
}
