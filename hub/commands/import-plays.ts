import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.ts';
import { importPlaysFile } from '../plays/plays-file.ts';
import { withServices } from './context.ts';
import { UsageError } from './usage-error.ts';

export const importPlaysHelp = `import-plays FILE  add the plays of a file: "export --plays" output (CSV or JSON), or a
                     CSV with a date and each record's instance_id, release_id or catno`;

export async function importPlaysCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, strict: true, allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('import-plays: give one file, e.g. vinylvault import-plays plays.csv');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code})`);
  }
  // Through the hub's own services, so every device receives the plays with its next sync.
  return withServices((hub) => {
    const { added, skipped } = importPlaysFile(text, file, hub);
    process.stdout.write(
      `${added} ${added === 1 ? 'play' : 'plays'} added from ${file}${skipped ? `; ${skipped} already logged` : ''}.\n`,
    );
    return 0;
  });
}
