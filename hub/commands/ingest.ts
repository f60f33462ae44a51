import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { ingestFile, type IngestResult } from '../dumps/ingest/ingest-file.ts';
import { inDependencyOrder } from '../dumps/parse/kinds.ts';
import { UsageError } from './usage-error.ts';
import { withCatalog } from './context.ts';
import { ProgressBar } from './progress-bar.ts';

export const ingestHelp =
  'ingest FILE...     load Discogs dump files (.xml.gz or .xml) into the catalog';

/** `vinylvault ingest FILE...`: files in dependency order, a bar per file, a summary table at the end. */
export async function ingestCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    options: { workers: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError('ingest needs at least one dump file');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers > 0))
    throw new UsageError(`--workers: expected a whole number above 0, got ${values.workers}`);

  return withCatalog(async ({ db, dbPath }) => {
    const bar = new ProgressBar();
    const results: IngestResult[] = [];
    try {
      for (const file of inDependencyOrder(positionals)) {
        results.push(
          await ingestFile(file, { db, dbPath, workers, onProgress: (p) => bar.update(p) }),
        );
        bar.stop();
      }
    } finally {
      bar.stop();
      if (results.length > 0) process.stdout.write(summaryTable(results));
    }
    for (const r of results)
      for (const example of r.skippedExamples)
        process.stderr.write(`skipped in ${basename(r.file)}: ${example}\n`);
    return 0;
  });
}

export function summaryTable(results: IngestResult[]): string {
  const header = [
    'file',
    'kind',
    'added',
    'changed',
    'unchanged',
    'deleted',
    'skipped',
    'seconds',
    'MB/s',
  ];
  const rows = results.map((r) => [
    basename(r.file),
    r.kind,
    ...[r.added, r.changed, r.unchanged, r.deleted, r.skipped].map((n) => n.toLocaleString('en')),
    r.seconds.toFixed(1),
    (r.bytes / 1e6 / r.seconds).toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd() + '\n';
  return line(header) + rows.map(line).join('');
}
