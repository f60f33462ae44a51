import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { PullResponse, SyncEntity } from '../../shared/sync.ts';
import { ChangeLogTable } from '../db/change-log-table.ts';

const TOMBSTONE_DAYS = 90;

/**
 * The hub's log of changes to synced entities. Every write to the collection appends here, in
 * the same transaction, so a device that pulls `since` its cursor sees every change exactly in
 * the hub's order. Deletions are tombstones, kept 90 days; a device whose cursor predates the
 * purged tombstones, or whose epoch is another, must start over.
 */
export class ChangeLog {
  readonly #table: ChangeLogTable;
  readonly #listeners = new Set<(cursor: number) => void>();
  #pending = false;

  constructor(db: Database) {
    this.#table = new ChangeLogTable(db);
    if (!this.#table.meta('epoch')) this.#table.setMeta('epoch', randomUUID());
  }

  get epoch(): string {
    return this.#table.meta('epoch')!;
  }

  /**
   * A restored log is older than what devices hold: a new epoch makes every device clear its
   * copy and pull again (its outbox is kept, and re-sends what the log lacks: web/src/data/pull.ts).
   */
  renewEpoch(): void {
    this.#table.setMeta('epoch', randomUUID());
  }

  /** The seq of the newest change (0 for an empty log). */
  get cursor(): number {
    return this.#table.lastSeq();
  }

  put(entity: SyncEntity, id: string | number, value: unknown): void {
    this.putJson(entity, id, JSON.stringify(value));
  }

  /** `put` for a value already serialized (a stored catalog document). */
  putJson(entity: SyncEntity, id: string | number, json: string): void {
    this.#table.append(entity, String(id), 'put', json, new Date().toISOString());
    this.#grew();
  }

  del(entity: SyncEntity, id: string | number): void {
    this.#table.append(entity, String(id), 'del', null, new Date().toISOString());
    this.#grew();
  }

  /**
   * Calls `listener` with the new cursor when the log has grown. Appends happen inside
   * transactions, so listeners hear once per turn of the event loop, after the commit.
   */
  onGrow(listener: (cursor: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #grew(): void {
    if (this.#pending || this.#listeners.size === 0) return;
    this.#pending = true;
    setImmediate(() => {
      this.#pending = false;
      const cursor = this.cursor;
      for (const l of this.#listeners) l(cursor);
    });
  }

  /**
   * Changes after `since`, oldest first, at most `limit` of them and about `maxBytes` of values
   * (always at least one, so a huge document cannot stall a device).
   */
  pull(
    since: number,
    deviceEpoch: string | undefined,
    limit = 500,
    maxBytes = 1 << 20,
  ): PullResponse {
    return JSON.parse(this.pullJson(since, deviceEpoch, limit, maxBytes)) as PullResponse;
  }

  /**
   * `pull` as the JSON text the route sends. Values are stored as JSON, so they are spliced in
   * as they are: parsing and re-serializing 40 MB of release documents would cost the hub
   * seconds per device on a Pi.
   */
  pullJson(
    since: number,
    deviceEpoch: string | undefined,
    limit = 500,
    maxBytes = 1 << 20,
  ): string {
    const epoch = this.epoch;
    const purged = Number(this.#table.meta('purged_through') ?? 0);
    // A cursor past the log's end means the hub's file was restored from an older copy: what the
    // device holds may be newer than anything here, so it starts over like a new device.
    const stale =
      (deviceEpoch !== undefined && deviceEpoch !== epoch) ||
      (since > 0 && since < purged) ||
      since > this.cursor;
    if (stale) return JSON.stringify({ reset: true, epoch });
    const rows = this.#table.page(since, limit);
    const changes: string[] = [];
    let bytes = 0;
    let cursor = Math.max(since, 0);
    for (const r of rows) {
      bytes += (r.value?.length ?? 0) + 64;
      if (changes.length > 0 && bytes > maxBytes) break;
      const head = `{"seq":${r.seq},"entity":${JSON.stringify(r.entity)},"id":${JSON.stringify(r.entity_id)},"op":"${r.op}"`;
      changes.push(r.op === 'put' ? `${head},"value":${r.value}}` : `${head}}`);
      cursor = r.seq;
    }
    const remaining = this.#table.countAfter(cursor);
    // Caught up: the cursor is the log's end, which is past the last row once purged or
    // replaced rows held the newest seqs; the device then agrees with the hub's nudges.
    if (remaining === 0) cursor = Math.max(cursor, this.cursor);
    return `{"reset":false,"epoch":${JSON.stringify(epoch)},"cursor":${cursor},"hasMore":${remaining > 0},"remaining":${remaining},"changes":[${changes.join(',')}]}`;
  }

  /** Drops tombstones older than 90 days; devices behind them must start over. */
  purgeTombstones(now = new Date()): number {
    const before = new Date(now.getTime() - TOMBSTONE_DAYS * 86_400_000).toISOString();
    const { deleted, lastSeq } = this.#table.deleteTombstonesBefore(before);
    if (lastSeq !== null) this.#table.setMeta('purged_through', String(lastSeq));
    return deleted;
  }
}
