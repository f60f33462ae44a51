import type { Database } from 'better-sqlite3';
import { ReleaseFeedTable } from '../db/release-feed-table.ts';
import type { ChangeLog } from './change-log.ts';

/**
 * Keeps the release documents of collected and wanted releases in the change log, so devices
 * have full documents offline. Documents come from dump ingests and API fetches, so instead of
 * hooking every writer this compares each document's hash with the one last logged; run it
 * after anything that may have changed them (an account sync, a dump run, a push).
 */
export class ReleaseFeed {
  readonly #table: ReleaseFeedTable;

  constructor(
    private readonly db: Database,
    private readonly log: ChangeLog,
  ) {
    this.#table = new ReleaseFeedTable(db);
  }

  /** Logs new or changed documents and tombstones for releases no longer collected; returns how many. */
  refresh(): number {
    return this.db.transaction(() => {
      const changed = this.#table.changed();
      for (const r of changed) {
        this.log.putJson('release', r.id, r.json);
        this.#table.sent(r.id, r.hash);
      }
      const gone = this.#table.gone();
      for (const id of gone) {
        this.log.del('release', id);
        this.#table.forget(id);
      }
      return changed.length + gone.length;
    })();
  }
}
