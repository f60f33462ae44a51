import { parseArgs } from 'node:util';
import { kinds, type CatalogSummary, type Kind } from '../../shared/catalog.ts';
import { SqliteCatalogStore } from '../db/sqlite-catalog-store.ts';
import { withCatalog } from './context.ts';
import { UsageError } from './usage-error.ts';

export const searchHelp = 'search TEXT        search the catalog (--kind K, --limit N, --json)';

export function summaryLine(s: CatalogSummary): string {
  const details = [s.year, s.country, [s.label, s.catno].filter(Boolean).join(' ')].filter(
    (d) => d !== undefined && d !== '',
  );
  const name = s.artists ? `${s.artists} – ${s.title}` : s.title;
  return `${s.kind.padEnd(7)} ${String(s.id).padStart(8)}  ${name}${details.length ? ` (${details.join(', ')})` : ''}`;
}

export async function searchCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    options: {
      kind: { type: 'string' },
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError('search: give the text to look for');
  if (values.kind !== undefined && !(kinds as readonly string[]).includes(values.kind))
    throw new UsageError(`--kind: expected one of ${kinds.join(', ')}, got ${values.kind}`);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit: expected a whole number above 0, got ${values.limit}`);

  return withCatalog(({ db }) => {
    const hits = new SqliteCatalogStore(db).search(text, {
      kind: values.kind as Kind | undefined,
      limit,
    });
    for (const h of hits)
      process.stdout.write(values.json ? `${JSON.stringify(h)}\n` : `${summaryLine(h)}\n`);
    if (hits.length === 0)
      process.stderr.write(`nothing in the catalog matches ${JSON.stringify(text)}\n`);
    return 0;
  });
}
