import type { Database, Statement } from 'better-sqlite3';
import type { Edit, QueuedEdit } from '../../shared/writeback.ts';

type Row = Omit<QueuedEdit, 'edit'> & { edit: string };
const toEdit = (r: Row): QueuedEdit => ({ ...r, edit: JSON.parse(r.edit) as Edit });

/** The writeback_queue table: edits on their way to Discogs (hub/discogs/writeback.ts). */
export class WriteBackTable {
  readonly #add: Statement<[string, string, string | null]>;
  readonly #listAll: Statement<[number], Row>;
  readonly #listOf: Statement<[string, number], Row>;
  readonly #nextPending: Statement<[], Row>;
  readonly #finish: Statement<[string, string | null, string, number]>;
  readonly #attempted: Statement<[string, number]>;
  readonly #pendingCount: Statement<[], { n: number }>;

  constructor(private readonly db: Database) {
    this.#add = db.prepare(
      'INSERT INTO writeback_queue (created_at, edit, mutation_id) VALUES (?, ?, ?)',
    );
    this.#listAll = db.prepare('SELECT * FROM writeback_queue ORDER BY id DESC LIMIT ?');
    this.#listOf = db.prepare(
      'SELECT * FROM writeback_queue WHERE status = ? ORDER BY id DESC LIMIT ?',
    );
    this.#nextPending = db.prepare(
      "SELECT * FROM writeback_queue WHERE status = 'pending' ORDER BY id LIMIT 1",
    );
    this.#finish = db.prepare(
      'UPDATE writeback_queue SET status = ?, reason = ?, attempts = attempts + 1, finished_at = ? WHERE id = ?',
    );
    this.#attempted = db.prepare(
      'UPDATE writeback_queue SET attempts = attempts + 1, reason = ? WHERE id = ?',
    );
    this.#pendingCount = db.prepare(
      "SELECT count(*) AS n FROM writeback_queue WHERE status = 'pending'",
    );
  }

  /** Adds a pending edit; `mutationId` names the device mutation it came from (unique). */
  add(edit: Edit, mutationId: string | null, at: string): number {
    return Number(this.#add.run(at, JSON.stringify(edit), mutationId).lastInsertRowid);
  }

  /** Newest first, of one status or all. */
  list(status: QueuedEdit['status'] | undefined, limit: number): QueuedEdit[] {
    return (status ? this.#listOf.all(status, limit) : this.#listAll.all(limit)).map(toEdit);
  }

  /** The oldest pending edit. */
  nextPending(): QueuedEdit | undefined {
    const row = this.#nextPending.get();
    return row && toEdit(row);
  }

  /** Records an edit's end: sent (`done`) or refused by Discogs (`dropped`, with why). */
  finish(id: number, status: 'done' | 'dropped', reason: string | null, at: string): void {
    this.#finish.run(status, reason, at, id);
  }

  /** Records a try that could not reach Discogs; the edit stays pending. */
  attempted(id: number, reason: string): void {
    this.#attempted.run(reason, id);
  }

  /** Points every edit of instance `from` (a provisional id) at `to`, Discogs' id for it. */
  retarget(from: number, to: number): void {
    this.db
      .prepare(
        "UPDATE writeback_queue SET edit = json_set(edit, '$.instance_id', ?) WHERE json_extract(edit, '$.instance_id') = ?",
      )
      .run(to, from);
  }

  /** Drops the pending edits of an instance that will never reach Discogs, saying why. */
  dropPendingOf(instanceId: number, reason: string, at: string): number {
    return this.db
      .prepare(
        "UPDATE writeback_queue SET status = 'dropped', reason = ?, finished_at = ? WHERE status = 'pending' AND json_extract(edit, '$.instance_id') = ?",
      )
      .run(reason, at, instanceId).changes;
  }

  pendingCount(): number {
    return this.#pendingCount.get()!.n;
  }
}
