import type { Database } from 'better-sqlite3';
import type { Kind } from '../../shared/catalog.ts';

export interface IngestCounts {
  bytes: number;
  added: number;
  changed: number;
  unchanged: number;
  deleted: number;
  skipped: number;
}

export interface IngestRun extends IngestCounts {
  id: number;
  file: string;
  kind: Kind | null;
  status: 'running' | 'completed' | 'failed';
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

/** The ingest_runs table: one row per file ingested, kept as the catalog's history. */
export class IngestRuns {
  constructor(private readonly db: Database) {}

  /** Records a new run; a run of the same file still marked running was cut short (killed, power cut). */
  start(file: string): number {
    this.db
      .prepare(
        "UPDATE ingest_runs SET status = 'failed', error = 'interrupted: the process stopped before the ingest finished' WHERE status = 'running' AND file = ?",
      )
      .run(file);
    return Number(
      this.db
        .prepare("INSERT INTO ingest_runs (file, status, started_at) VALUES (?, 'running', ?)")
        .run(file, new Date().toISOString()).lastInsertRowid,
    );
  }

  finish(id: number, kind: Kind | undefined, counts: IngestCounts, error?: string): void {
    this.db
      .prepare(
        `UPDATE ingest_runs SET kind = ?, status = ?, finished_at = ?, bytes = ?, added = ?, changed = ?,
           unchanged = ?, deleted = ?, skipped = ?, error = ? WHERE id = ?`,
      )
      .run(
        kind ?? null,
        error ? 'failed' : 'completed',
        new Date().toISOString(),
        counts.bytes,
        counts.added,
        counts.changed,
        counts.unchanged,
        counts.deleted,
        counts.skipped,
        error ?? null,
        id,
      );
  }

  /** The dump date (from its file name) of the newest completed ingest of a kind, to tell an older file from a newer one. */
  newestDumpDate(kind: Kind, dateOf: (file: string) => string | undefined): string | undefined {
    const files = this.db
      .prepare<[Kind], { file: string }>(
        "SELECT file FROM ingest_runs WHERE kind = ? AND status = 'completed'",
      )
      .all(kind);
    return files
      .map((r) => dateOf(r.file))
      .filter((d): d is string => d !== undefined)
      .sort()
      .at(-1);
  }

  list(limit = 50): IngestRun[] {
    return this.db
      .prepare<[number], IngestRun>('SELECT * FROM ingest_runs ORDER BY id DESC LIMIT ?')
      .all(limit);
  }

  /** Each kind's newest completed ingest: its file, when, and how many records it left in the catalog. */
  latestCompleted(): Array<{ kind: string; file: string; records: number; finished_at: string }> {
    return this.db
      .prepare<[], { kind: string; file: string; records: number; finished_at: string }>(
        `SELECT kind, file, added + changed + unchanged AS records, finished_at FROM ingest_runs r
         WHERE status = 'completed' AND finished_at = (SELECT max(finished_at) FROM ingest_runs WHERE kind = r.kind AND status = 'completed')
         ORDER BY kind`,
      )
      .all();
  }
}
