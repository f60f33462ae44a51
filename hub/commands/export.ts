import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { CollectionStore } from '../db/collection-store.ts';
import { PlayStore } from '../db/play-store.ts';
import { exportRows } from '../discogs/collection-export.ts';
import { playRows } from '../plays/plays-file.ts';
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
    const collection = new CollectionStore(db);
    const plays = new PlayStore(db);
    const rows: Array<Record<string, unknown>> = values.plays
      ? playRows(collection, plays)
      : exportRows(collection, plays);
    process.stdout.write(
      values.format === 'json'
        ? `${JSON.stringify(rows, null, 2)}\n`
        : stringify(rows, {
            header: true,
            columns: rows.length ? Object.keys(rows[0]!) : undefined,
          }),
    );
    if (rows.length === 0)
      process.stderr.write(
        values.plays
          ? 'no plays are logged here yet\n'
          : 'the collection is empty here: run "vinylvault sync" first\n',
      );
    return 0;
  });
}
