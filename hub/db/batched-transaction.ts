import type { Database } from 'better-sqlite3';

/**
 * Groups many small units of work into fewer transactions: a commit per megabyte of dump text
 * cost about a tenth of an ingest's time. A crash loses at most the open batch, which is
 * redone on the next run; `rollback` drops it on error.
 */
export class BatchedTransaction {
  #units = 0;

  /** `onCommit` runs after each commit: what the batch did is on disk from then on. */
  constructor(
    private readonly db: Database,
    private readonly unitsPerCommit: number,
    private readonly onCommit: () => void = () => {},
  ) {}

  run(fn: () => void): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
    try {
      fn();
    } catch (err) {
      this.rollback();
      throw err;
    }
    if (++this.#units % this.unitsPerCommit === 0) this.commit();
  }

  commit(): void {
    if (!this.db.inTransaction) return;
    this.db.exec('COMMIT');
    this.onCommit();
  }

  rollback(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
