import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsPending, USER_FILE } from '../db/open.ts';
import type { Logger } from '../log.ts';
import { BACKUP_DIR, backupName } from './backup-service.ts';
import { writeBackup } from './write-backup.ts';

/**
 * Before a new version migrates the data dir, a backup of the user's data as the old version
 * left it: going back is then "check out the old version, restore this file" (README).
 * A data dir from before user.sqlite existed has none to take; its move into user.sqlite
 * commits the copy before the catalog's tables are dropped.
 */
export async function backupBeforeUpgrade(dataDir: string, log: Logger): Promise<string | null> {
  if (!existsSync(join(dataDir, USER_FILE))) return null;
  if (!migrationsPending(join(dataDir, 'catalog.sqlite'))) return null;
  const file = join(dataDir, BACKUP_DIR, backupName('upgrade'));
  await writeBackup({ dataDir, file, reason: 'upgrade' });
  log.info({ file }, 'backed up the user data before migrating it');
  return file;
}
