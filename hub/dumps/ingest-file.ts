import type { Database } from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Kind } from '../../shared/catalog.ts';
import type { Progress } from '../../shared/progress.ts';
import { BatchedTransaction } from '../db/batched-transaction.ts';
import { checkpoint } from '../db/catalog-queries.ts';
import { CatalogWriter } from '../db/catalog-writer.ts';
import { IngestRuns, type IngestCounts } from '../db/ingest-runs.ts';
import { RateMeter } from '../jobs/rate-meter.ts';
import { ChunkBuffers } from './chunk-buffers.ts';
import { IdSet } from './id-set.ts';
import { IngestError } from './ingest-error.ts';
import type { ChunkResult } from './ingest-messages.ts';
import { dumpDateFromFileName, kindFromFileName } from './kinds.ts';
import { CHUNK_BYTES, RecordSplitter } from './split.ts';
import { WorkerPool } from './worker-pool.ts';

export interface IngestOptions {
  db: Database;
  dbPath: string;
  /** Parse workers; by default one per core. */
  workers?: number;
  onProgress?: (p: Progress) => void;
  /** Stops at the next batch boundary: what was read so far is written, then IngestStopped. */
  signal?: AbortSignal;
  /** Keep only these ids (the `collection` catalog scope); the rest is left out, and swept if stored. */
  keep?: Set<number>;
}

/** The ingest was asked to stop (shutdown); the file can be ingested again from the start. */
export class IngestStopped extends IngestError {}

export interface IngestResult extends IngestCounts {
  file: string;
  kind: Kind;
  seconds: number;
  /** Whether records missing from the file were looked for (a complete, not older, list file). */
  sweptDeletions: boolean;
  /** The first few records skipped as malformed, with why. */
  skippedExamples: string[];
  /** Records left out by the catalog scope. */
  outOfScope: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Ingests one dump file (gzip or plain XML) into the catalog: gunzip → split at record starts →
 * parse and build in workers → write in file order, in batched transactions. Records whose
 * hash is unchanged are not written. On any error the run is recorded as failed, nothing is
 * marked deleted, and what earlier batches committed stays: they are valid records of this
 * file, and a re-run picks up from there at the cost of hashing them again.
 */
export async function ingestFile(file: string, options: IngestOptions): Promise<IngestResult> {
  const size = await fileSize(file);
  const gzipped = await startsWithGzipMagic(file);
  if (!gzipped && file.toLowerCase().endsWith('.gz')) throw new IngestError(`${file}: not a gzip file (byte 0 is not the gzip signature)`);

  const runs = new IngestRuns(options.db);
  const runId = runs.start(file);
  const counts: IngestCounts = { bytes: 0, added: 0, changed: 0, unchanged: 0, deleted: 0, skipped: 0 };
  const skippedExamples: string[] = [];
  let outOfScope = 0;
  const buffers = new ChunkBuffers(CHUNK_BYTES * 2);
  const splitter = new RecordSplitter(file, kindFromFileName(file), buffers);
  const started = performance.now();
  const seen = new IdSet();
  const meter = new RateMeter();
  let compressedRead = 0;
  let pool: WorkerPool | undefined;
  let writer: CatalogWriter | undefined;
  let lastId: number | undefined;
  const inflight: Promise<ChunkResult>[] = [];
  // Added and changed records count once their batch is committed: a run that fails records
  // what the catalog kept, not what was rolled back with the open batch.
  const uncommitted = { added: 0, changed: 0 };
  const batch = new BatchedTransaction(options.db, 8, () => {
    counts.added += uncommitted.added;
    counts.changed += uncommitted.changed;
    uncommitted.added = uncommitted.changed = 0;
  });
  const workers = Math.max(1, options.workers ?? availableParallelism());

  const report = () =>
    options.onProgress?.(
      meter.progress('ingest', basename(file), compressedRead, size, counts.added + counts.changed + counts.unchanged + counts.skipped + outOfScope, counts.bytes),
    );

  const apply = async () => {
    const r = await inflight.shift()!;
    if (!r.ok) {
      const kind = splitter.info!.kind;
      const after = r.lastId ?? lastId;
      const which = r.recordId !== undefined ? `${kind} ${r.recordId} (the record at byte ${r.offset})` : `the record at byte ${r.offset}${after === undefined ? '' : `, after ${kind} ${after}`}`;
      throw new IngestError(`${file}: malformed XML in ${which}: ${r.error}`);
    }
    batch.run(() => {
      for (const w of r.writes) {
        // Seen earlier in this file: a duplicate id, whose first copy is already written.
        const again = seen.has(w.id);
        writer!.put(w, w.stored !== 'absent' || again);
        if (w.stored === 'present' || (w.stored === 'absent' && again)) uncommitted.changed++;
        else uncommitted.added++;
      }
    });
    for (const id of r.ids) seen.add(id);
    lastId = r.ids.at(-1) ?? lastId;
    counts.unchanged += r.unchanged;
    outOfScope += r.outOfScope;
    counts.skipped += r.skipped.length;
    for (const s of r.skipped) if (skippedExamples.length < 5) skippedExamples.push(`byte ${s.offset}: ${s.reason}`);
  };

  const dispatch = async (chunks: ReturnType<RecordSplitter['push']>) => {
    for (const chunk of chunks) {
      counts.bytes += chunk.bytes.length;
      if (!pool) {
        writer = new CatalogWriter(options.db, splitter.info!.kind);
        pool = new WorkerPool(workers, { dbPath: options.dbPath, kind: splitter.info!.kind, keep: options.keep && [...options.keep] }, buffers);
      }
      inflight.push(pool.submit(chunk));
      // Two chunks per worker keep every worker busy while bounding memory.
      while (inflight.length >= workers * 2) await apply();
    }
  };

  const timer = setInterval(report, 250);
  try {
    const input = createReadStream(file);
    input.on('data', (d) => (compressedRead += d.length));
    const text = gzipped ? input.pipe(createGunzip()) : input;
    input.on('error', (err) => text.destroy(err));
    try {
      for await (const data of text) {
        await dispatch(splitter.push(data as Buffer));
        if (options.signal?.aborted) break;
      }
    } catch (err) {
      throw describeFailure(file, err as NodeJS.ErrnoException, compressedRead);
    }
    if (options.signal?.aborted) {
      input.destroy();
      while (inflight.length > 0) await apply();
      batch.commit();
      throw new IngestStopped(`${file}: stopped after ${counts.added + counts.changed + counts.unchanged} records; it will be ingested again`);
    }
    await dispatch(splitter.end());
    while (inflight.length > 0) await apply();
    batch.commit();

    const kind = splitter.info!.kind;
    const newest = runs.newestDumpDate(kind, dumpDateFromFileName);
    const date = dumpDateFromFileName(file);
    const sweptDeletions = splitter.wholeKind && !(date && newest && date < newest);
    if (sweptDeletions) counts.deleted = (writer ?? new CatalogWriter(options.db, kind)).markMissingDeleted((id) => seen.has(id));
    runs.finish(runId, kind, counts);
    checkpoint(options.db);
    report();
    return { file, kind, ...counts, seconds: (performance.now() - started) / 1000, sweptDeletions, skippedExamples, outOfScope };
  } catch (err) {
    // Let the chunks already handed out settle before the workers go, so none is left dangling.
    await Promise.allSettled(inflight);
    batch.rollback();
    const failure = describeFailure(file, err as NodeJS.ErrnoException, compressedRead);
    runs.finish(runId, splitter.info?.kind, counts, failure.message);
    throw failure;
  } finally {
    clearInterval(timer);
    await pool?.close();
  }
}

async function fileSize(file: string): Promise<number> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw new IngestError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code})`);
  }
  if (!info.isFile()) throw new IngestError(`${file}: ${info.isDirectory() ? 'a directory' : 'not a regular file'}, not a dump file; give the .xml.gz files in it`);
  return info.size;
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
function describeFailure(file: string, err: NodeJS.ErrnoException, compressedRead: number): Error {
  if (err instanceof IngestError || err instanceof IngestStopped) return err;
  // better-sqlite3's errors carry SQLite's code; a full disk shows as SQLITE_FULL (or ENOSPC).
  if (err.code === 'SQLITE_FULL' || err.code === 'ENOSPC') {
    return new IngestError(`${file}: the disk is full while writing the catalog (${err.code}); free some space and ingest it again: the records committed so far are kept`);
  }
  if (err.code?.startsWith('SQLITE_')) return new IngestError(`${file}: writing the catalog failed (${err.code}: ${err.message})`);
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
    return new IngestError(`${file}: the gzip data ends early (read ${compressedRead} bytes): the file is truncated`);
  }
  if (err.code?.startsWith('Z_')) return new IngestError(`${file}: corrupt gzip data near compressed byte ${compressedRead} (${err.message})`);
  if (err.code) return new IngestError(`${file}: read failed after ${compressedRead} bytes (${err.code})`);
  return err;
}
