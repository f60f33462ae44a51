import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { create } from 'tar';
import { USER_FILE } from '../db/open.ts';
import { version } from '../version.ts';
import { MANIFEST, PLAIN_FILES, type BackupManifest } from './backup-contents.ts';

export interface BackupRequest {
  dataDir: string;
  /** Where the .tar.gz goes; written beside as `.partial` and renamed, so it is whole or absent. */
  file: string;
  reason: BackupManifest['reason'];
  withCatalog?: boolean;
  /**
   * The hub's own connection, when the hub takes the backup: the copy then sees its writes as
   * they happen instead of restarting. Without it (the CLI while a hub may run) a connection
   * of its own copies each file in one step, under one read transaction.
   */
  db?: Database.Database;
}

/** Copies one SQLite file through SQLite's online backup API: consistent while the hub writes. */
async function copyDatabase(
  source: { db?: Database.Database; file: string; schema: 'main' | 'user' },
  to: string,
): Promise<void> {
  const db = source.db ?? new Database(source.file, { readonly: true, fileMustExist: true });
  try {
    // better-sqlite3 reads `attached` (lib/methods/backup.js); its type declarations lack it.
    const options = {
      attached: source.db ? source.schema : 'main',
      // All pages per step: another connection's write between steps would restart the copy.
      progress: () => (source.db ? 100 : 0x7fffffff),
    } as Database.BackupOptions;
    await db.backup(to, options);
  } finally {
    if (!source.db) db.close();
  }
}

/**
 * Writes one archive of the user's data: user.sqlite (collection, plays, change log,
 * write-back queue), state.json, secret.key and the hub's CA; the catalog only when asked,
 * since the dumps rebuild it. Returns the manifest written into it.
 */
export async function writeBackup(request: BackupRequest): Promise<BackupManifest> {
  const { dataDir, db } = request;
  await mkdir(dirname(request.file), { recursive: true });
  const staging = await mkdtemp(join(dirname(request.file), '.backup-'));
  const partial = `${request.file}.partial`;
  try {
    const files: string[] = [];
    await copyDatabase(
      { db, file: join(dataDir, USER_FILE), schema: 'user' },
      join(staging, USER_FILE),
    );
    files.push(USER_FILE);
    if (request.withCatalog) {
      await copyDatabase(
        { db, file: join(dataDir, 'catalog.sqlite'), schema: 'main' },
        join(staging, 'catalog.sqlite'),
      );
      files.push('catalog.sqlite');
    }
    for (const name of PLAIN_FILES) {
      if (!existsSync(join(dataDir, name))) continue;
      await mkdir(dirname(join(staging, name)), { recursive: true });
      await copyFile(join(dataDir, name), join(staging, name));
      files.push(name);
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      version,
      reason: request.reason,
      withCatalog: request.withCatalog ?? false,
      files,
    };
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2));
    await create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, ...files]);
    await rename(partial, request.file);
    return manifest;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
