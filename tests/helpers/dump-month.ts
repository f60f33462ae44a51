import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FakeDumpHost } from '../fakes/dump-host.ts';
import { sample2020 } from '../fixtures/paths.ts';

export const kinds = ['labels', 'artists', 'masters', 'releases'] as const;

/** Publishes the 2020 sample on the fake host as the month of `date` (YYYYMMDD), with its CHECKSUM file. */
export function publishMonth(
  host: FakeDumpHost,
  date: string,
  replace: Partial<Record<(typeof kinds)[number], Buffer>> = {},
): void {
  const lines: string[] = [];
  for (const kind of kinds) {
    const name = `discogs_${date}_${kind}.xml.gz`;
    const body = replace[kind] ?? readFileSync(sample2020(kind));
    host.files.set(name, body);
    lines.push(`${createHash('sha256').update(body).digest('hex')} ${name}`);
  }
  host.files.set(`discogs_${date}_CHECKSUM.txt`, Buffer.from(lines.join('\n') + '\n'));
}
