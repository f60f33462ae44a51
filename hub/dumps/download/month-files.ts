import { existsSync } from 'node:fs';
import { mkdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { dumpFileKinds, type DumpFileKind, type DumpRun } from '../../../shared/dump-runs.ts';
import type { Progress } from '../../../shared/progress.ts';
import { UserError } from '../../errors.ts';
import { ChecksumError, parseChecksums } from './checksum.ts';
import { DownloadError, downloadFile, removeDownload } from './download.ts';
import { whyUnanswered } from '../../network-error.ts';
import type { ListedMonth } from '../discover/listing.ts';

export interface MonthFilesOptions {
  dumpsDir: string;
  userAgent: string;
  stallMs: number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Free bytes on the data dir's file system; injectable so tests can run short of space. */
  freeBytes?: (dir: string) => Promise<number>;
  /** Catalog growth per byte downloaded (catalog-scope.ts), on top of the files themselves. */
  growth: number;
}

export class DiskSpaceError extends UserError {}

/** Where a month's files live: `<data>/dumps/YYYY-MM/`. */
export function monthDir(dumpsDir: string, yearMonth: string): string {
  return join(dumpsDir, yearMonth);
}

async function statfsFree(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/** Fetches CHECKSUM.txt (published last, so its presence means the month is complete). */
export async function fetchChecksums(
  month: ListedMonth,
  userAgent: string,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const name = month.checksumFile!;
  const res = await fetch(month.urls[name]!, {
    headers: { 'user-agent': userAgent },
    signal,
  }).catch((err: Error) => {
    throw new DownloadError(
      `${name}: request failed: ${whyUnanswered(err, month.urls[name]!)}`,
      true,
    );
  });
  if (!res.ok)
    throw new DownloadError(
      `${name}: the dump host answered HTTP ${res.status}`,
      res.status >= 500 || res.status === 429,
    );
  return parseChecksums(await res.text(), name);
}

/** Bytes still to download, from each missing file's Content-Length (HEAD). */
async function bytesToFetch(
  month: ListedMonth,
  kinds: DumpFileKind[],
  userAgent: string,
): Promise<number> {
  let total = 0;
  for (const kind of kinds) {
    const res = await fetch(month.urls[month.dataFiles[kind]!]!, {
      method: 'HEAD',
      headers: { 'user-agent': userAgent },
    }).catch(() => undefined);
    total += Number(res?.headers.get('content-length') ?? 0) || 0;
  }
  return total;
}

/**
 * Data files still to download: those not on disk with the checksum CHECKSUM.txt gives, except
 * ones already ingested with that checksum (cleanup may have deleted them since).
 */
export function filesToFetch(run: DumpRun, dir: string): DumpFileKind[] {
  return dumpFileKinds.filter((kind) => {
    const f = run.files[kind];
    const good = f !== undefined && f.sha256 !== null && f.sha256 === run.checksums[f.name];
    return !(good && (f.ingested_at !== null || existsSync(join(dir, f.name))));
  });
}

function size(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Downloads and verifies each of the month's data files that is not already here and good.
 * A file whose SHA-256 differs from CHECKSUM.txt is deleted and the attempt fails, so the
 * retry fetches it again; no unverified file is ever left for the ingest.
 */
export async function fetchMonthFiles(
  run: DumpRun,
  month: ListedMonth,
  o: MonthFilesOptions,
  save: () => Promise<void>,
): Promise<void> {
  const dir = monthDir(o.dumpsDir, run.year_month);
  await mkdir(dir, { recursive: true });
  const missing = filesToFetch(run, dir);
  if (missing.length === 0) return;

  // Room for the files (about 11 GB for a full month) and for the catalog to grow with them.
  const needed = Math.ceil((await bytesToFetch(month, missing, o.userAgent)) * (1 + o.growth));
  const free = await (o.freeBytes ?? statfsFree)(o.dumpsDir);
  if (free < needed) {
    throw new DiskSpaceError(
      `not enough disk space for the ${run.year_month} dump: ${size(needed)} needed in ${o.dumpsDir}, ${size(free)} free`,
    );
  }

  for (const kind of missing) {
    const name = month.dataFiles[kind]!;
    const expected = run.checksums[name];
    if (!expected) throw new ChecksumError(`${month.checksumFile} has no line for ${name}`);
    const dest = join(dir, name);
    const got = await downloadFile({
      url: month.urls[name]!,
      dest,
      userAgent: o.userAgent,
      stallMs: o.stallMs,
      onProgress: o.onProgress,
      signal: o.signal,
    });
    if (got.sha256 !== expected) {
      await removeDownload(dest);
      throw new ChecksumError(
        `${name}: checksum mismatch (expected ${expected.slice(0, 12)}…, got ${got.sha256.slice(0, 12)}…); the file was deleted and will be fetched again`,
      );
    }
    run.files[kind] = {
      name,
      bytes: got.bytes,
      sha256: got.sha256,
      downloaded_at: new Date().toISOString(),
      ingested_at: null,
      added: 0,
      changed: 0,
      unchanged: 0,
      deleted: 0,
      skipped: 0,
      seconds: 0,
    };
    await save();
  }
}
