import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/temp-dir.ts';
import { openHubDatabase } from '../db/open.ts';
import { createLogger } from '../log.ts';
import { openState } from '../state/store.ts';
import { BackupService, listBackups } from './backup-service.ts';
import { backupBeforeUpgrade } from './before-upgrade.ts';
import { restoreBackup } from './restore-backup.ts';
import { writeBackup } from './write-backup.ts';

/** A data dir as a running hub leaves it: both databases, state, the token key and the CA. */
async function hubDataDir(): Promise<string> {
  const dir = join(tempDir(), 'data');
  await mkdir(join(dir, 'tls'), { recursive: true });
  const db = openHubDatabase(join(dir, 'catalog.sqlite'));
  db.exec("INSERT INTO plays VALUES ('p1', 7, 42, '2026-11-01', 'd1', 'phone')");
  db.exec(
    "INSERT INTO releases (id, doc, hash, master_id, deleted) VALUES (42, '{}', x'00', NULL, 0)",
  );
  db.close();
  const state = await openState(join(dir, 'state.json'));
  state.data.settings.backupKeep = 3;
  await state.write();
  for (const f of ['secret.key', 'tls/ca.crt', 'tls/ca.key', 'tls/server.crt', 'tls/server.key'])
    writeFileSync(join(dir, f), `${f} of the first hub`);
  return dir;
}

const plays = (dir: string) => {
  const db = openHubDatabase(join(dir, 'catalog.sqlite'));
  const ids = db.prepare('SELECT id FROM plays').pluck().all();
  db.close();
  return ids;
};

describe('backup and restore', () => {
  it('restores the user data, the key and the CA into an empty dir; the catalog only when asked', async () => {
    const data = await hubDataDir();
    const file = join(tempDir(), 'b.tar.gz');
    const manifest = await writeBackup({ dataDir: data, file, reason: 'manual' });
    expect(manifest.files).toEqual([
      'user.sqlite',
      'state.json',
      'secret.key',
      'tls/ca.crt',
      'tls/ca.key',
    ]);

    const target = join(tempDir(), 'new-card');
    await restoreBackup(file, target);
    expect(plays(target)).toEqual(['p1']);
    expect(readFileSync(join(target, 'tls/ca.key'), 'utf8')).toBe('tls/ca.key of the first hub');
    expect(existsSync(join(target, 'tls/server.key'))).toBe(false); // issued anew from the CA
    expect((await openState(join(target, 'state.json'))).data.settings.backupKeep).toBe(3);
    const db = openHubDatabase(join(target, 'catalog.sqlite'));
    expect(db.prepare('SELECT count(*) FROM releases').pluck().get()).toBe(0);
    db.close();

    const whole = join(tempDir(), 'whole.tar.gz');
    await writeBackup({ dataDir: data, file: whole, reason: 'manual', withCatalog: true });
    const other = join(tempDir(), 'data');
    await restoreBackup(whole, other);
    const full = openHubDatabase(join(other, 'catalog.sqlite'));
    expect(full.prepare('SELECT id FROM releases').pluck().all()).toEqual([42]);
    full.close();
  });

  it('gives restored data a new sync epoch, so devices pull it again', async () => {
    const data = await hubDataDir();
    const epochOf = (dir: string) => {
      const db = openHubDatabase(join(dir, 'catalog.sqlite'));
      const epoch = db.prepare("SELECT value FROM sync_meta WHERE key = 'epoch'").pluck().get();
      db.close();
      return epoch;
    };
    const db = openHubDatabase(join(data, 'catalog.sqlite'));
    db.exec("INSERT INTO sync_meta VALUES ('epoch', 'the-old-one')");
    db.close();
    const file = join(tempDir(), 'b.tar.gz');
    await writeBackup({ dataDir: data, file, reason: 'manual' });
    const target = join(tempDir(), 'data');
    await restoreBackup(file, target);
    expect(epochOf(target)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a data dir with anything in it unless forced, and then replaces only what the backup holds', async () => {
    const data = await hubDataDir();
    const file = join(tempDir(), 'b.tar.gz');
    await writeBackup({ dataDir: data, file, reason: 'manual' });
    const other = await hubDataDir();
    const db = openHubDatabase(join(other, 'catalog.sqlite'));
    db.exec(
      "DELETE FROM plays; INSERT INTO plays VALUES ('p2', 7, 42, '2026-11-02', 'd1', 'phone')",
    );
    db.close();

    await expect(restoreBackup(file, other)).rejects.toThrow(
      `${other} is not empty (it holds catalog.sqlite, secret.key, state.json, state.json.bak, …): restore into an empty data dir, or add --force to replace its user data with the backup's`,
    );
    expect(plays(other)).toEqual(['p2']);

    await restoreBackup(file, other, { force: true });
    expect(plays(other)).toEqual(['p1']);
    const kept = openHubDatabase(join(other, 'catalog.sqlite'));
    expect(kept.prepare('SELECT id FROM releases').pluck().all()).toEqual([42]);
    kept.close();
  });

  it('names a file that is not a backup, and leaves the data dir as it was', async () => {
    const junk = join(tempDir(), 'notes.tar.gz');
    await writeFile(junk, 'shopping list');
    const target = join(tempDir(), 'data');
    await expect(restoreBackup(junk, target)).rejects.toThrow(
      new RegExp(`^${junk}: not a VinylVault backup`),
    );
    await expect(restoreBackup(join(target, 'nope.tar.gz'), target)).rejects.toThrow(
      'nope.tar.gz: no such backup file',
    );
  });

  it('keeps the newest nightly backups the setting asks for, and no fewer of the others', async () => {
    const data = await hubDataDir();
    const db = openHubDatabase(join(data, 'catalog.sqlite'));
    const backups = new BackupService({
      dataDir: data,
      db,
      log: createLogger('silent'),
      keep: () => 2,
    });
    await backups.take('manual');
    for (let i = 0; i < 3; i++) {
      await backups.nightly();
      await new Promise((r) => setTimeout(r, 1100)); // names are stamped to the second
    }
    db.close();
    const names = listBackups(data).map((b) => b.name);
    expect(names.filter((n) => n.endsWith('-nightly.tar.gz'))).toHaveLength(2);
    expect(names.filter((n) => n.endsWith('-manual.tar.gz'))).toHaveLength(1);
    expect(backups.lastError).toBeNull();
  });

  it('backs up the user data before a new version migrates it, and not on an ordinary start', async () => {
    const data = await hubDataDir();
    expect(await backupBeforeUpgrade(data, createLogger('silent'))).toBeNull();
    // As an older VinylVault left it: the newest catalog migration not yet applied.
    const db = openHubDatabase(join(data, 'catalog.sqlite'));
    db.exec(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)',
    );
    db.close();
    const file = await backupBeforeUpgrade(data, createLogger('silent'));
    expect(file).toMatch(/backups\/vinylvault-\d{8}T\d{6}Z-upgrade\.tar\.gz$/);
    const target = join(tempDir(), 'data');
    await restoreBackup(file!, target);
    expect(plays(target)).toEqual(['p1']);
  });
});
