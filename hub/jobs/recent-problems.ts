import type { Problem } from '../../shared/hub-health.ts';

const KEEP = 50;

/**
 * The latest warnings and errors, kept in memory for the admin page's health panel. It is a
 * pino destination stream (see log.ts): pino hands it each line of JSON at warn level or above.
 */
export class RecentProblems {
  readonly #entries: Problem[] = [];

  write(line: string): void {
    try {
      const e = JSON.parse(line) as {
        time?: number;
        level?: number;
        msg?: string;
        err?: { message?: string } | string;
      };
      const detail = typeof e.err === 'string' ? e.err : (e.err?.message ?? null);
      this.#entries.push({
        time: new Date(e.time ?? Date.now()).toISOString(),
        level: (e.level ?? 40) >= 50 ? 'error' : 'warn',
        msg: e.msg ?? '',
        detail,
      });
      if (this.#entries.length > KEEP) this.#entries.shift();
    } catch {
      // Not a log line of ours: nothing to show.
    }
  }

  /** Newest first. */
  list(): Problem[] {
    return [...this.#entries].reverse();
  }
}
