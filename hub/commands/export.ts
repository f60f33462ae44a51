import { parseArgs } from 'node:util';
import type { ExportFile } from '../../shared/exports.ts';
import { CollectionStore } from '../db/collection-store.ts';
import { PlayStore } from '../db/play-store.ts';
import { exportFile } from '../export/export-file.ts';
import { withCatalog } from './context.ts';
import { UsageError } from './usage-error.ts';

export const exportHelp = `export --format F [--plays]
                     write the collection to stdout as csv or json, one row per instance with
                     its play count; with --plays, every play instead (import-plays reads it back)`;

export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'csv' }, plays: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError(`export: --format must be csv or json, got ${values.format}`);
  return withCatalog(({ db }) => {
    const file = values.plays ? `plays.${values.format}` : `collection.${values.format}`;
    const { text, rows } = exportFile(
      file as ExportFile,
      new CollectionStore(db),
      new PlayStore(db),
    );
    process.stdout.write(text);
    if (rows === 0)
      process.stderr.write(
        values.plays
          ? 'no plays are logged here yet\n'
          : 'the collection is empty here: run "vinylvault sync" first\n',
      );
    return 0;
  });
}
