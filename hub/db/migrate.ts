import type { Database } from 'better-sqlite3';
import { UserError } from '../errors.ts';
import { migrations } from './migrations/index.ts';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export class MigrationError extends UserError {}

/** The schema version recorded in the file: 0 for a new file. */
export function schemaVersion(db: Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as {
    v: number | null;
  };
  return row.v ?? 0;
}

/**
 * Applies every migration above the file's version, each in its own transaction and recorded,
 * so a crash leaves the file at a version it can be resumed from.
 * `target` exists for tests that build a file as an earlier release left it.
 */
export function migrate(
  db: Database,
  file: string,
  list: readonly Migration[] = migrations,
  target?: number,
): number {
  const known = list.at(-1)?.version ?? 0;
  let current = schemaVersion(db);
  if (current > known) {
    throw new MigrationError(
      `${file}: schema version ${current} is newer than this VinylVault knows (${known}); upgrade VinylVault`,
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const m of list) {
    if (m.version <= current || (target !== undefined && m.version > target)) continue;
    try {
      db.transaction(() => {
        db.exec(m.up);
        record.run(m.version, m.name, new Date().toISOString());
      })();
    } catch (err) {
      throw new MigrationError(
        `${file}: migration ${m.version} (${m.name}) failed: ${(err as Error).message}`,
      );
    }
    current = m.version;
  }
  return current;
}
