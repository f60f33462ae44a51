import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { extract } from 'tar';
import { openHubDatabase, USER_FILE } from '../db/open.ts';
import { ChangeLog } from '../device-sync/change-log.ts';
import { UserError } from '../errors.ts';
import { openState } from '../state/store.ts';
import { MANIFEST, manifestSchema, PLAIN_FILES, type BackupManifest } from './backup-contents.ts';

export class RestoreError extends UserError {}

/** What each restored file replaces in the data dir, with the files SQLite keeps beside it. */
function replaced(name: string): string[] {
  if (name.endsWith('.sqlite')) return [name, `${name}-wal`, `${name}-shm`];
  if (name === 'state.json') return [name, `${name}.bak`];
  // The server certificate was issued by the CA being replaced: the hub issues a new one.
  if (name === 'tls/ca.key') return [name, 'tls/server.crt', 'tls/server.key'];
  return [name];
}

/**
 * Fills `dataDir` from a backup written by writeBackup. A data dir with anything in it is
 * refused unless `force`, which replaces only what the backup holds (a catalog the backup
 * lacks stays). Everything is unpacked and checked (the manifest, both databases open and
 * migrate, state.json is valid) before the first file in the data dir is touched. The
 * change log gets a new epoch, so devices that synced after the backup pull everything again.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: { force?: boolean } = {},
): Promise<BackupManifest> {
  if (!existsSync(file)) throw new RestoreError(`${file}: no such backup file`);
  const present = existsSync(dataDir) ? readdirSync(dataDir).sort() : [];
  if (present.length > 0 && !options.force)
    throw new RestoreError(
      `${dataDir} is not empty (it holds ${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}): restore into an empty data dir, or add --force to replace its user data with the backup's`,
    );
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const staging = await mkdtemp(join(dataDir, '.restore-'));
  try {
    try {
      await extract({ file, cwd: staging, strict: true });
    } catch (err) {
      throw new RestoreError(`${file}: not a VinylVault backup (${(err as Error).message})`);
    }
    const manifest = await readManifest(file, staging);
    const stagedCatalog = join(staging, 'catalog.sqlite');
    try {
      const db = openHubDatabase(stagedCatalog);
      new ChangeLog(db).renewEpoch();
      db.close();
      await openState(join(staging, 'state.json'));
    } catch (err) {
      throw new RestoreError(`${file}: ${(err as Error).message.replaceAll(staging, 'backup')}`);
    }
    const restored = [USER_FILE, ...PLAIN_FILES.filter((f) => manifest.files.includes(f))];
    if (manifest.withCatalog) restored.push('catalog.sqlite');
    for (const name of restored) {
      for (const old of replaced(name)) await rm(join(dataDir, old), { force: true });
      await mkdir(dirname(join(dataDir, name)), { recursive: true, mode: 0o700 });
      await rename(join(staging, name), join(dataDir, name));
    }
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readManifest(file: string, staging: string): Promise<BackupManifest> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(staging, MANIFEST), 'utf8'));
  } catch {
    throw new RestoreError(`${file}: not a VinylVault backup (no readable ${MANIFEST} inside)`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RestoreError(`${file}: ${MANIFEST}: ${issue.path.join('.')}: ${issue.message}`);
  }
  for (const name of parsed.data.files)
    if (!existsSync(join(staging, name)))
      throw new RestoreError(`${file}: ${name} is listed in ${MANIFEST} but not in the archive`);
  return parsed.data;
}
