import { parseArgs } from 'node:util';
import { CollectionStore } from '../db/collection-store.ts';
import { exportRows, toCsv } from '../discogs/collection-export.ts';
import { withCatalog } from './context.ts';
import { UsageError } from './usage-error.ts';

export const exportHelp =
  'export --format F  write the collection to stdout as csv or json, one row per instance';

export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'csv' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError(`export: --format must be csv or json, got ${values.format}`);
  return withCatalog(({ db }) => {
    const rows = exportRows(new CollectionStore(db));
    process.stdout.write(
      values.format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`,
    );
    if (rows.length === 0)
      process.stderr.write('the collection is empty here: run "vinylvault sync" first\n');
    return 0;
  });
}
