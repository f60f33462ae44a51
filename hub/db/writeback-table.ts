import type { Database } from 'better-sqlite3';
import type { Edit, QueuedEdit } from '../../shared/writeback.ts';

type Row = Omit<QueuedEdit, 'edit'> & { edit: string };
const toEdit = (r: Row): QueuedEdit => ({ ...r, edit: JSON.parse(r.edit) as Edit });

/** The writeback_queue table: edits on their way to Discogs (hub/discogs/writeback.ts). */
export class WriteBackTable {
  constructor(private readonly db: Database) {}

  /** Adds a pending edit; `mutationId` names the device mutation it came from (unique). */
  add(edit: Edit, mutationId: string | null, at: string): number {
    return Number(
      this.db
        .prepare('INSERT INTO writeback_queue (created_at, edit, mutation_id) VALUES (?, ?, ?)')
        .run(at, JSON.stringify(edit), mutationId).lastInsertRowid,
    );
  }

  /** Newest first, of one status or all. */
  list(status: QueuedEdit['status'] | undefined, limit: number): QueuedEdit[] {
    const rows = status
      ? this.db
          .prepare<[string, number], Row>(
            'SELECT * FROM writeback_queue WHERE status = ? ORDER BY id DESC LIMIT ?',
          )
          .all(status, limit)
      : this.db
          .prepare<[number], Row>('SELECT * FROM writeback_queue ORDER BY id DESC LIMIT ?')
          .all(limit);
    return rows.map(toEdit);
  }

  /** The oldest pending edit. */
  nextPending(): QueuedEdit | undefined {
    const row = this.db
      .prepare<[], Row>(
        "SELECT * FROM writeback_queue WHERE status = 'pending' ORDER BY id LIMIT 1",
      )
      .get();
    return row && toEdit(row);
  }

  /** Records an edit's end: sent (`done`) or refused by Discogs (`dropped`, with why). */
  finish(id: number, status: 'done' | 'dropped', reason: string | null, at: string): void {
    this.db
      .prepare(
        'UPDATE writeback_queue SET status = ?, reason = ?, attempts = attempts + 1, finished_at = ? WHERE id = ?',
      )
      .run(status, reason, at, id);
  }

  /** Records a try that could not reach Discogs; the edit stays pending. */
  attempted(id: number, reason: string): void {
    this.db
      .prepare('UPDATE writeback_queue SET attempts = attempts + 1, reason = ? WHERE id = ?')
      .run(reason, id);
  }

  pendingCount(): number {
    return this.db
      .prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM writeback_queue WHERE status = 'pending'",
      )
      .get()!.n;
  }
}
