import type { Database } from 'better-sqlite3';
import type { ApiTokenInfo } from '../../shared/api-tokens.ts';

/** The api_tokens table (user migration 3): names, token hashes, when each was last used. */
export class ApiTokenTable {
  constructor(private readonly db: Database) {}

  /** False when a token of that name exists already. */
  add(name: string, hash: string, at: string): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO api_tokens (name, hash, created_at) VALUES (?, ?, ?)')
        .run(name, hash, at).changes === 1
    );
  }

  list(): ApiTokenInfo[] {
    return this.db
      .prepare<[], ApiTokenInfo>(
        'SELECT name, created_at AS createdAt, last_used_at AS lastUsedAt FROM api_tokens ORDER BY name',
      )
      .all();
  }

  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE name = ?').run(name).changes === 1;
  }

  nameOf(hash: string): string | undefined {
    return this.db
      .prepare<[string], string>('SELECT name FROM api_tokens WHERE hash = ?')
      .pluck()
      .get(hash);
  }

  used(name: string, at: string): void {
    this.db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE name = ?').run(at, name);
  }
}
