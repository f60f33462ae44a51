import { dumpFileKinds, type DumpFileKind } from '../../../shared/dump-runs.ts';

/** One month as the dump host lists it. */
export interface ListedMonth {
  yearMonth: string;
  /** The date in the file names, e.g. 20260601. */
  date: string;
  /** Download URLs by file name. */
  urls: Record<string, string>;
  dataFiles: Partial<Record<DumpFileKind, string>>;
  checksumFile: string | undefined;
  /** All four data files and the CHECKSUM file (published last) are listed. */
  ready: boolean;
}

const fileName =
  /^discogs_(\d{4})(\d{2})(\d{2})_(labels|artists|masters|releases|CHECKSUM)\.(xml\.gz|txt)$/;

export function listingUrl(base: string, year: number): string {
  return `${base}/?prefix=${encodeURIComponent(`data/${year}/`)}`;
}

/**
 * Reads the host's HTML listing of one year: links of the form
 * `?download=data%2FYYYY%2Fdiscogs_YYYYMMDD_<kind>.xml.gz`. The page's markup is not a
 * contract, so only the links are read, wherever they are.
 */
export function parseListing(html: string, pageUrl: string): ListedMonth[] {
  const months = new Map<string, ListedMonth>();
  for (const m of html.matchAll(/href\s*=\s*["']([^"']*download=[^"']+)["']/gi)) {
    const href = m[1]!.replace(/&amp;/g, '&');
    const url = new URL(href, pageUrl);
    const path = url.searchParams.get('download') ?? '';
    const name = path.split('/').at(-1)!;
    const parts = fileName.exec(name);
    if (!parts) continue;
    const [, y, mo, d, kind] = parts;
    const date = `${y}${mo}${d}`;
    const month = months.get(date) ?? {
      yearMonth: `${y}-${mo}`,
      date,
      urls: {},
      dataFiles: {},
      checksumFile: undefined,
      ready: false,
    };
    month.urls[name] = url.href;
    if (kind === 'CHECKSUM') month.checksumFile = name;
    else month.dataFiles[kind as DumpFileKind] = name;
    months.set(date, month);
  }
  for (const month of months.values())
    month.ready =
      month.checksumFile !== undefined && dumpFileKinds.every((k) => month.dataFiles[k]);
  return [...months.values()].sort((a, b) => a.date.localeCompare(b.date));
}
