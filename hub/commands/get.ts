import { parseArgs } from 'node:util';
import { kinds, type Kind } from '../../shared/catalog.ts';
import { SqliteCatalogStore } from '../db/sqlite-catalog-store.ts';
import { withCatalog } from './context.ts';
import { UsageError } from './usage-error.ts';

export const getHelp =
  'get KIND ID...     print catalog records (release, master, artist, label) as JSON lines';

/** `vinylvault get release 1 2`: one JSON line per id, in the order asked; exit 1 if any is absent. */
export async function getCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  const [kind, ...ids] = positionals;
  if (!kind || !(kinds as readonly string[]).includes(kind))
    throw new UsageError(
      `get: KIND must be one of ${kinds.join(', ')}${kind ? `, got ${kind}` : ''}`,
    );
  if (ids.length === 0) throw new UsageError('get: give at least one id');
  const bad = ids.find((id) => !/^\d+$/.test(id));
  if (bad !== undefined)
    throw new UsageError(`get: ${kind} id must be a whole number, got ${JSON.stringify(bad)}`);

  return withCatalog(({ db }) => {
    const store = new SqliteCatalogStore(db);
    let missing = 0;
    for (const id of ids) {
      const json = store.getJson(kind as Kind, Number(id));
      if (json !== undefined) process.stdout.write(`${json}\n`);
      else {
        missing++;
        process.stderr.write(`vinylvault: ${kind} ${id} is not in the catalog\n`);
      }
    }
    return missing > 0 ? 1 : 0;
  });
}
