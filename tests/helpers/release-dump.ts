import { writeGz } from './catalog.ts';

/** A small releases dump holding the given ids, for tests that need them in the catalog. */
export function releasesDump(dir: string, ids: number[], date = '20260101'): string {
  const lines = ids.map(
    (id) =>
      `<release id="${id}"><title>Catalog ${id}</title><artists><artist><id>7</id><name>Dump Artist</name></artist></artists></release>`,
  );
  return writeGz(
    dir,
    `discogs_${date}_releases.xml.gz`,
    `<releases>\n${lines.join('\n')}\n</releases>\n`,
  );
}

export const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + i);
