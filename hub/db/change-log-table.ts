import type { Database, Statement } from 'better-sqlite3';
import type { SyncEntity } from '../../shared/sync.ts';

export interface ChangeRow {
  seq: number;
  entity: SyncEntity;
  entity_id: string;
  op: 'put' | 'del';
  /** The value as stored JSON; null for a tombstone. */
  value: string | null;
}

/** The change_log and sync_meta tables, for the device sync's ChangeLog (hub/device-sync). */
export class ChangeLogTable {
  readonly #append: Statement<[string, string, 'put' | 'del', string | null, string]>;
  readonly #meta: Statement<[string], { value: string }>;
  readonly #setMeta: Statement<[string, string]>;
  readonly #lastSeq: Statement<[], { seq: number }>;
  readonly #page: Statement<[number, number], ChangeRow>;
  readonly #countAfter: Statement<[number], { n: number }>;

  constructor(private readonly db: Database) {
    this.#append = db.prepare(
      'INSERT OR REPLACE INTO change_log (entity, entity_id, op, value, at) VALUES (?, ?, ?, ?, ?)',
    );
    this.#meta = db.prepare('SELECT value FROM sync_meta WHERE key = ?');
    this.#setMeta = db.prepare('INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)');
    // AUTOINCREMENT's counter, not max(seq): it stays at the newest seq after that row is replaced
    // or purged. Named with its schema: catalog.sqlite has a sqlite_sequence of its own.
    this.#lastSeq = db.prepare("SELECT seq FROM user.sqlite_sequence WHERE name = 'change_log'");
    this.#page = db.prepare(
      'SELECT seq, entity, entity_id, op, value FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?',
    );
    this.#countAfter = db.prepare('SELECT count(*) AS n FROM change_log WHERE seq > ?');
  }

  /** Appends a change; an entity's older change is replaced, so the log holds each entity once. */
  append(
    entity: SyncEntity,
    id: string,
    op: 'put' | 'del',
    value: string | null,
    at: string,
  ): void {
    this.#append.run(entity, id, op, value, at);
  }

  meta(key: string): string | undefined {
    return this.#meta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#setMeta.run(key, value);
  }

  /** The seq of the newest change ever appended (0 for an empty log). */
  lastSeq(): number {
    return this.#lastSeq.get()?.seq ?? 0;
  }

  page(since: number, limit: number): ChangeRow[] {
    return this.#page.all(since, limit);
  }

  countAfter(seq: number): number {
    return this.#countAfter.get(seq)!.n;
  }

  /** Deletes tombstones written before `before`; returns how many, and the newest seq among them. */
  deleteTombstonesBefore(before: string): { deleted: number; lastSeq: number | null } {
    const lastSeq =
      this.db
        .prepare<[string], { seq: number | null }>(
          "SELECT max(seq) AS seq FROM change_log WHERE op = 'del' AND at < ?",
        )
        .get(before)?.seq ?? null;
    if (lastSeq === null) return { deleted: 0, lastSeq };
    return {
      deleted: this.db.prepare("DELETE FROM change_log WHERE op = 'del' AND at < ?").run(before)
        .changes,
      lastSeq,
    };
  }
}
