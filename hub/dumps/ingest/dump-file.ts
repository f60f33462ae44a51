import { isDiskFull } from '../../storage/disk-watch.ts';
import { open, stat } from 'node:fs/promises';
import { IngestError } from './ingest-error.ts';

const GZIP_MAGIC = [0x1f, 0x8b];

/** A dump file's size and whether it is gzipped, checked before anything is recorded: a directory or a `.gz` that is not gzip is refused in words. */
export async function inspectDumpFile(file: string): Promise<{ size: number; gzipped: boolean }> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw new IngestError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code})`);
  }
  if (!info.isFile())
    throw new IngestError(
      `${file}: ${info.isDirectory() ? 'a directory' : 'not a regular file'}, not a dump file; give the .xml.gz files in it`,
    );
  const gzipped = await startsWithGzipMagic(file);
  if (!gzipped && file.toLowerCase().endsWith('.gz'))
    throw new IngestError(`${file}: not a gzip file (byte 0 is not the gzip signature)`);
  return { size: info.size, gzipped };
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await fh.close();
  }
}

/** What went wrong, in words: the file's own faults, or the disk and catalog on this side. */
export function describeFailure(
  file: string,
  err: NodeJS.ErrnoException,
  compressedRead: number,
): Error {
  if (err instanceof IngestError) return err;
  // better-sqlite3's errors carry SQLite's code; a full disk shows as SQLITE_FULL (or ENOSPC).
  if (isDiskFull(err)) {
    return new IngestError(
      `${file}: the disk is full while writing the catalog (${err.code}); free some space and ingest it again: the records committed so far are kept`,
    );
  }
  if (err.code?.startsWith('SQLITE_'))
    return new IngestError(`${file}: writing the catalog failed (${err.code}: ${err.message})`);
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
    return new IngestError(
      `${file}: the gzip data ends early (read ${compressedRead} bytes): the file is truncated`,
    );
  }
  if (err.code?.startsWith('Z_'))
    return new IngestError(
      `${file}: corrupt gzip data near compressed byte ${compressedRead} (${err.message})`,
    );
  if (err.code)
    return new IngestError(`${file}: read failed after ${compressedRead} bytes (${err.code})`);
  return err;
}
