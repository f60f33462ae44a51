import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_DIR, backupName } from '../backup/backup-service.ts';
import { writeBackup } from '../backup/write-backup.ts';
import { loadConfig } from '../config.ts';
import { USER_FILE } from '../db/open.ts';
import { UserError } from '../errors.ts';

export const backupHelp =
  'backup [FILE] [--with-catalog]  write the user data (and the catalog if asked) to one .tar.gz; safe while the hub runs';

const size = (bytes: number) =>
  bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;

export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'with-catalog': { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  const { dataDir } = loadConfig();
  if (!existsSync(join(dataDir, USER_FILE)))
    throw new UserError(
      `${dataDir}: nothing to back up (no ${USER_FILE}: the hub has not run here)`,
    );
  const file = resolve(positionals[0] ?? join(dataDir, BACKUP_DIR, backupName('manual')));
  const manifest = await writeBackup({
    dataDir,
    file,
    reason: 'manual',
    withCatalog: values['with-catalog'],
  });
  process.stdout.write(
    `wrote ${file} (${size(statSync(file).size)}: ${manifest.files.join(', ')})\n`,
  );
  return 0;
}
