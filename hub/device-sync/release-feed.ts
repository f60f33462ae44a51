import type { Database } from 'better-sqlite3';
import { COLLECTED_RELEASE_IDS } from '../db/collection-store.ts';
import type { ChangeLog } from './change-log.ts';

/**
 * Keeps the release documents of collected and wanted releases in the change log, so devices
 * have full documents offline. Documents come from dump ingests and API fetches, so instead of
 * hooking every writer this compares each document's hash with the one last logged; run it
 * after anything that may have changed them (an account sync, a dump run, a push).
 */
export class ReleaseFeed {
  constructor(private readonly db: Database, private readonly log: ChangeLog) {}

  /** Logs new or changed documents and tombstones for releases no longer collected; returns how many. */
  refresh(): number {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare<[], { id: number; doc: string; hash: Buffer }>(
          `SELECT r.id, r.doc, r.hash FROM releases r JOIN (${COLLECTED_RELEASE_IDS}) c ON c.release_id = r.id
           LEFT JOIN feed_releases f ON f.release_id = r.id
           WHERE r.deleted = 0 AND (f.hash IS NULL OR f.hash <> r.hash)`,
        )
        .all();
      const record = this.db.prepare('INSERT OR REPLACE INTO feed_releases (release_id, hash) VALUES (?, ?)');
      for (const r of changed) {
        this.log.putJson('release', r.id, r.doc);
        record.run(r.id, r.hash);
      }
      const gone = this.db
        .prepare<[], { id: number }>(
          `SELECT f.release_id AS id FROM feed_releases f
           WHERE f.release_id NOT IN (${COLLECTED_RELEASE_IDS})
              OR NOT EXISTS (SELECT 1 FROM releases r WHERE r.id = f.release_id AND r.deleted = 0)`,
        )
        .all();
      const forget = this.db.prepare('DELETE FROM feed_releases WHERE release_id = ?');
      for (const g of gone) {
        this.log.del('release', g.id);
        forget.run(g.id);
      }
      return changed.length + gone.length;
    })();
  }
}
