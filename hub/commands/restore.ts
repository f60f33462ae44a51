import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreBackup } from '../backup/restore-backup.ts';
import { loadConfig } from '../config.ts';
import { UserError } from '../errors.ts';
import { UsageError } from './usage-error.ts';

export const restoreHelp =
  'restore FILE [--force]  fill an empty data dir from a backup (--force: replace the user data of a stopped hub)';

/** Whether a hub answers on this machine's port: replacing its files under it would corrupt them. */
async function hubAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('restore: give the backup file');
  const config = loadConfig();
  if (values.force && (await hubAnswers(config.port)))
    throw new UserError(
      `a hub is running on port ${config.port}: stop it first (sudo systemctl stop vinylvault, or Ctrl-C where it runs), then restore`,
    );
  const file = resolve(positionals[0]!);
  const manifest = await restoreBackup(file, config.dataDir, { force: values.force });
  process.stdout.write(
    `restored ${manifest.files.join(', ')} from ${file} (taken ${manifest.createdAt} by VinylVault ${manifest.version}) into ${config.dataDir}\n` +
      'devices will pull the collection again at their next sync; edits they still hold are sent again\n' +
      (manifest.withCatalog
        ? ''
        : 'the catalog is not in this backup: start the hub and process a dump month to rebuild it\n'),
  );
  return 0;
}
