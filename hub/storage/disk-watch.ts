import { existsSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiskFull } from '../../shared/hub-health.ts';

/** A write that failed because the data dir's disk is full: Node's ENOSPC or SQLite's FULL. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'SQLITE_FULL';
}

/** Below this much free space the hub counts the disk as full, even before a write fails. */
const FULL_BELOW = 1e6;
/** What must be free again before the hub says the disk is no longer full. */
const RECOVERED_ABOVE = 8e6;
/**
 * Space the hub holds back in `<data dir>/.reserve`. SQLite cannot even open a database on a
 * disk with no byte free (it must create its -wal and -shm files), so a hub started on a full
 * disk gives this back first: it then opens, serves reads and says the disk is full.
 */
const RESERVE = '.reserve';
const RESERVE_BYTES = 8 * 1024 * 1024;

export function freeBytes(dir: string): number {
  const fs = statfsSync(dir);
  return fs.bavail * fs.bsize;
}

/**
 * Whether the data dir's disk is full, as the admin page and Health show it. Set by a write
 * that failed for lack of space (or by almost no space left); cleared by itself once space is
 * free again, checked whenever Health is read and on the hub's timer. The writes themselves
 * need no reset: SQLite and state.json simply succeed again.
 */
export class DiskWatch {
  #full: DiskFull | null = null;

  constructor(private readonly dataDir: string) {}

  get #reserve(): string {
    return join(this.dataDir, RESERVE);
  }

  /** At start, before anything opens: on a full disk, gives back the reserve. */
  releaseReserveIfFull(): void {
    if (freeBytes(this.dataDir) >= FULL_BELOW || !existsSync(this.#reserve)) return;
    rmSync(this.#reserve);
    this.#full = {
      since: new Date().toISOString(),
      what: 'the hub started on a full disk',
      path: this.dataDir,
    };
  }

  /** Records a failed write; returns whether it failed for lack of space. */
  noteFailure(err: unknown, what: string): boolean {
    if (!isDiskFull(err)) return false;
    this.#full ??= { since: new Date().toISOString(), what, path: this.dataDir };
    return true;
  }

  /** The current state, after looking at the free space again. */
  check(): DiskFull | null {
    let free = freeBytes(this.dataDir);
    if (!existsSync(this.#reserve) && free > RESERVE_BYTES + RECOVERED_ABOVE) {
      try {
        writeFileSync(this.#reserve, Buffer.alloc(RESERVE_BYTES));
        free -= RESERVE_BYTES;
      } catch (err) {
        rmSync(this.#reserve, { force: true }); // the space went meanwhile: next time
        if (!isDiskFull(err)) throw err;
      }
    }
    if (this.#full && free > RECOVERED_ABOVE && existsSync(this.#reserve)) this.#full = null;
    else if (!this.#full && free < FULL_BELOW)
      this.#full = {
        since: new Date().toISOString(),
        what: 'less than 1 MB left',
        path: this.dataDir,
      };
    return this.#full;
  }

  /** Why a write was refused, for the person who asked. */
  message(): string {
    return `the hub's disk is full (${this.dataDir}): nothing was saved, and nothing stored before is lost; free some space there and try again`;
  }
}
