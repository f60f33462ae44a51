import type { Database, Statement } from 'better-sqlite3';

/** The pushed_mutations table: every mutation id a device pushed, so a resent one is answered `duplicate`. */
export class PushedMutationsTable {
  readonly #seen: Statement<[string], { status: string }>;
  readonly #remember: Statement<[string, string, string, string, string | null, string]>;

  constructor(db: Database) {
    this.#seen = db.prepare('SELECT status FROM pushed_mutations WHERE id = ?');
    this.#remember = db.prepare(
      'INSERT INTO pushed_mutations (id, device_id, type, status, reason, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  seen(id: string): boolean {
    return this.#seen.get(id) !== undefined;
  }

  remember(
    m: { id: string; type: string },
    deviceId: string,
    status: 'applied' | 'rejected',
    reason: string | null,
    at: string,
  ): void {
    this.#remember.run(m.id, deviceId, m.type, status, reason, at);
  }
}
