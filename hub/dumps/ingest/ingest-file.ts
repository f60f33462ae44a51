import type { Database } from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Kind } from '../../../shared/catalog.ts';
import type { Progress } from '../../../shared/progress.ts';
import { BatchedTransaction } from '../../db/batched-transaction.ts';
import { checkpoint } from '../../db/catalog-queries.ts';
import { CatalogWriter } from '../../db/catalog-writer.ts';
import { IngestRuns, type IngestCounts } from '../../db/ingest-runs.ts';
import { RateMeter } from '../../jobs/rate-meter.ts';
import { freeBytes } from '../../storage/disk-watch.ts';
import { catalogGrowth, XML_PER_GZIP_BYTE } from '../run/catalog-scope.ts';
import { ChunkBuffers } from './chunk-buffers.ts';
import { IdSet } from './id-set.ts';
import { describeFailure, inspectDumpFile } from './dump-file.ts';
import { IngestError } from './ingest-error.ts';
import type { ChunkResult, RecordWrite } from './ingest-messages.ts';
import { dumpDateFromFileName, kindFromFileName } from '../parse/kinds.ts';
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

/**
 * Ingests one dump file (gzip or plain XML) into the catalog: gunzip → split at record starts →
 * parse and build in workers → write in file order, in batched transactions. Records whose
 * hash is unchanged are not written. On any error the run is recorded as failed, nothing is
 * marked deleted, and what earlier batches committed stays: they are valid records of this
 * file, and a re-run picks up from there at the cost of hashing them again.
 */
export async function ingestFile(file: string, options: IngestOptions): Promise<IngestResult> {
  const { size, gzipped } = await inspectDumpFile(file);
  ensureRoomFor(file, gzipped ? size : size / XML_PER_GZIP_BYTE, options);
  return new FileIngest(file, size, options).run(gzipped);
}

/** Refuses to start an ingest the disk has no room for, rather than stop at a full disk. */
function ensureRoomFor(file: string, gzipBytes: number, options: IngestOptions): void {
  const dir = dirname(options.dbPath);
  const growth = catalogGrowth(options.db, options.keep ? 'collection' : 'full');
  const needed = gzipBytes * growth;
  const free = freeBytes(dir);
  if (free < needed)
    throw new IngestError(
      `${file}: not enough disk space to ingest it: the catalog needs about ${megabytes(needed)} more in ${dir}, ${megabytes(free)} free`,
    );
}

const megabytes = (n: number) => `${Math.ceil(n / 1e6).toLocaleString('en')} MB`;

/** One ingest of one file: what it has read, handed to workers, written and counted. */
class FileIngest {
  readonly #runs: IngestRuns;
  readonly #runId: number;
  readonly #counts: IngestCounts = {
    bytes: 0,
    added: 0,
    changed: 0,
    unchanged: 0,
    deleted: 0,
    skipped: 0,
  };
  readonly #skippedExamples: string[] = [];
  #outOfScope = 0;
  readonly #buffers = new ChunkBuffers(CHUNK_BYTES * 2);
  readonly #splitter: RecordSplitter;
  readonly #started = performance.now();
  /** Every id written or found unchanged: a duplicate later in the file, and the deletion sweep, ask it. */
  readonly #seen = new IdSet();
  readonly #meter = new RateMeter();
  #compressedRead = 0;
  readonly #workers: number;
  #pool: WorkerPool | undefined;
  #writer: CatalogWriter | undefined;
  #lastId: number | undefined;
  /** Chunks handed to workers, in file order: answers are written in that order. */
  readonly #inflight: Promise<ChunkResult>[] = [];
  // Added and changed records count once their batch is committed: a run that fails records
  // what the catalog kept, not what was rolled back with the open batch.
  readonly #uncommitted = { added: 0, changed: 0 };
  readonly #batch: BatchedTransaction;

  constructor(
    private readonly file: string,
    private readonly size: number,
    private readonly options: IngestOptions,
  ) {
    this.#runs = new IngestRuns(options.db);
    this.#runId = this.#runs.start(file);
    this.#splitter = new RecordSplitter(file, kindFromFileName(file), this.#buffers);
    this.#workers = Math.max(1, options.workers ?? availableParallelism());
    this.#batch = new BatchedTransaction(options.db, 8, () => {
      this.#counts.added += this.#uncommitted.added;
      this.#counts.changed += this.#uncommitted.changed;
      this.#uncommitted.added = this.#uncommitted.changed = 0;
    });
  }

  async run(gzipped: boolean): Promise<IngestResult> {
    const timer = setInterval(() => this.#report(), 250);
    try {
      const stopped = await this.#readAll(gzipped);
      while (this.#inflight.length > 0) await this.#writeNext();
      this.#batch.commit();
      if (stopped)
        throw new IngestStopped(
          `${this.file}: stopped after ${this.#records()} records; it will be ingested again`,
        );
      return this.#finish();
    } catch (err) {
      // Let the chunks already handed out settle before the workers go, so none is left dangling.
      await Promise.allSettled(this.#inflight);
      this.#batch.rollback();
      const failure = describeFailure(
        this.file,
        err as NodeJS.ErrnoException,
        this.#compressedRead,
      );
      this.#runs.finish(this.#runId, this.#splitter.info?.kind, this.#counts, failure.message);
      throw failure;
    } finally {
      clearInterval(timer);
      this.#seen.dispose();
      await this.#pool?.close();
    }
  }

  /** Reads the file into workers to its end, or until asked to stop (then true). */
  async #readAll(gzipped: boolean): Promise<boolean> {
    const input = createReadStream(this.file);
    input.on('data', (d) => (this.#compressedRead += d.length));
    const text = gzipped ? input.pipe(createGunzip()) : input;
    input.on('error', (err) => text.destroy(err));
    try {
      for await (const data of text) {
        await this.#dispatch(this.#splitter.push(data as Buffer));
        if (this.options.signal?.aborted) break;
      }
    } catch (err) {
      throw describeFailure(this.file, err as NodeJS.ErrnoException, this.#compressedRead);
    }
    if (this.options.signal?.aborted) {
      input.destroy();
      return true;
    }
    await this.#dispatch(this.#splitter.end());
    return false;
  }

  async #dispatch(chunks: ReturnType<RecordSplitter['push']>): Promise<void> {
    for (const chunk of chunks) {
      this.#counts.bytes += chunk.bytes.length;
      this.#pool ??= this.#startWorkers();
      this.#inflight.push(this.#pool.submit(chunk));
      // Two chunks per worker keep every worker busy while bounding memory.
      while (this.#inflight.length >= this.#workers * 2) await this.#writeNext();
    }
  }

  /** The workers and the writer, once the first chunk has told the file's kind. */
  #startWorkers(): WorkerPool {
    const kind = this.#splitter.info!.kind;
    this.#writer = new CatalogWriter(this.options.db, kind);
    return new WorkerPool(
      this.#workers,
      { dbPath: this.options.dbPath, kind, keep: this.options.keep && [...this.options.keep] },
      this.#buffers,
    );
  }

  /** Writes the oldest chunk's records when its worker has answered; a malformed chunk fails the file, naming the record. */
  async #writeNext(): Promise<void> {
    const r = await this.#inflight.shift()!;
    if (!r.ok) {
      const kind = this.#splitter.info!.kind;
      const after = r.lastId ?? this.#lastId;
      const which =
        r.recordId !== undefined
          ? `${kind} ${r.recordId} (the record at byte ${r.offset})`
          : `the record at byte ${r.offset}${after === undefined ? '' : `, after ${kind} ${after}`}`;
      throw new IngestError(`${this.file}: malformed XML in ${which}: ${r.error}`);
    }
    const documents = Buffer.from(r.documents.buffer, r.documents.byteOffset, r.documents.length);
    let at = 0;
    this.#batch.run(() => {
      for (const w of r.writes) this.#write(w, documents.subarray(at, (at += w.docLength)));
    });
    this.#seen.addAll(r.ids);
    this.#lastId = r.ids.at(-1) ?? this.#lastId;
    this.#counts.unchanged += r.unchanged;
    this.#outOfScope += r.outOfScope;
    this.#counts.skipped += r.skipped.length;
    for (const s of r.skipped)
      if (this.#skippedExamples.length < 5)
        this.#skippedExamples.push(`byte ${s.offset}: ${s.reason}`);
  }

  #write(w: RecordWrite, doc: Buffer): void {
    // Seen earlier in this file: a duplicate id, whose first copy is already written.
    const again = this.#seen.has(w.id);
    this.#writer!.put(w, doc, w.stored !== 'absent' || again);
    if (w.stored === 'present' || (w.stored === 'absent' && again)) this.#uncommitted.changed++;
    else this.#uncommitted.added++;
  }

  /** Marks deleted what a complete, not older, list file no longer has, and records the run. */
  #finish(): IngestResult {
    const kind = this.#splitter.info!.kind;
    const newest = this.#runs.newestDumpDate(kind, dumpDateFromFileName);
    const date = dumpDateFromFileName(this.file);
    const sweptDeletions = this.#splitter.wholeKind && !(date && newest && date < newest);
    if (sweptDeletions)
      this.#counts.deleted = (
        this.#writer ?? new CatalogWriter(this.options.db, kind)
      ).markMissingDeleted((id) => this.#seen.has(id));
    this.#runs.finish(this.#runId, kind, this.#counts);
    checkpoint(this.options.db);
    this.#report();
    const seconds = (performance.now() - this.#started) / 1000;
    return {
      file: this.file,
      kind,
      ...this.#counts,
      seconds,
      sweptDeletions,
      skippedExamples: this.#skippedExamples,
      outOfScope: this.#outOfScope,
    };
  }

  #records(): number {
    return this.#counts.added + this.#counts.changed + this.#counts.unchanged;
  }

  #report(): void {
    const records = this.#records() + this.#counts.skipped + this.#outOfScope;
    this.options.onProgress?.(
      this.#meter.progress(
        'ingest',
        basename(this.file),
        this.#compressedRead,
        this.size,
        records,
        this.#counts.bytes,
      ),
    );
  }
}
