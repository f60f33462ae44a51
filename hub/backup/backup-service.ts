import type Database from 'better-sqlite3';
import { Cron } from 'croner';
import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupInfo } from '../../shared/hub-health.ts';
import type { Schedule } from '../../shared/settings.ts';
import type { Logger } from '../log.ts';
import type { BackupManifest } from './backup-contents.ts';
import { writeBackup } from './write-backup.ts';

export const BACKUP_DIR = 'backups';
const NAME = /^vinylvault-(\d{8}T\d{6}Z)-(manual|nightly|upgrade)\.tar\.gz$/;

/** `vinylvault-20261202T033000Z-nightly.tar.gz`: sorts by time, says why it was taken. */
export function backupName(reason: BackupManifest['reason'], at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `vinylvault-${stamp}-${reason}.tar.gz`;
}

/** The backups in `<data dir>/backups`, newest first. */
export function listBackups(dataDir: string): BackupInfo[] {
  const dir = join(dataDir, BACKUP_DIR);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((name) => {
      const st = statSync(join(dir, name));
      return { name, bytes: st.size, createdAt: st.mtime.toISOString() };
    });
}

/**
 * The hub's own backups: nightly on its schedule, keeping the newest `keep` nightly ones
 * (backups taken by hand or before an upgrade are the owner's to delete), and a fresh one for
 * the admin page's "Download backup". Taken through the hub's connection, so the copy is
 * consistent while devices push.
 */
export class BackupService {
  #job: Cron | undefined;
  #lastError: string | null = null;

  constructor(
    private readonly deps: {
      dataDir: string;
      db: Database.Database;
      log: Logger;
      keep: () => number;
    },
  ) {}

  get keep(): number {
    return this.deps.keep();
  }

  get dir(): string {
    return join(this.deps.dataDir, BACKUP_DIR);
  }

  schedule(settings: Schedule): void {
    this.#job?.stop();
    this.#job = undefined;
    if (!settings.enabled) return;
    this.#job = new Cron(settings.cron, { timezone: 'UTC', protect: true }, () => this.nightly());
  }

  get nextRun(): Date | null {
    return this.#job?.nextRun() ?? null;
  }

  /** Why the last scheduled backup failed; null once one succeeds. */
  get lastError(): string | null {
    return this.#lastError;
  }

  async take(reason: 'manual' | 'nightly'): Promise<string> {
    const file = join(this.dir, backupName(reason));
    await writeBackup({ dataDir: this.deps.dataDir, db: this.deps.db, file, reason });
    return file;
  }

  async nightly(): Promise<void> {
    try {
      const file = await this.take('nightly');
      this.#lastError = null;
      this.deps.log.info({ file }, 'nightly backup written');
      await this.prune();
    } catch (err) {
      this.#lastError = (err as Error).message;
      this.deps.log.error({ err }, 'nightly backup failed');
    }
  }

  /** Deletes nightly backups beyond the newest `keep`. */
  async prune(): Promise<void> {
    const nightly = listBackups(this.deps.dataDir).filter((b) =>
      b.name.endsWith('-nightly.tar.gz'),
    );
    for (const old of nightly.slice(this.keep)) await rm(join(this.dir, old.name), { force: true });
  }

  /** A fresh backup for a download, in a file the caller deletes once sent. */
  async forDownload(): Promise<string> {
    const file = join(this.dir, `.download-${Date.now()}.tar.gz`);
    await writeBackup({ dataDir: this.deps.dataDir, db: this.deps.db, file, reason: 'download' });
    return file;
  }

  stop(): void {
    this.#job?.stop();
  }
}
