import { isDiskFull } from '../../storage/disk-watch.ts';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dumpFileKinds, type DumpRun, type DumpStatus } from '../../../shared/dump-runs.ts';
import type { Progress } from '../../../shared/progress.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/open.ts';
import { ConflictError, UserError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { StateStore } from '../../state/store.ts';
import { idsInCollectionScope } from '../../db/catalog-queries.ts';
import { catalogGrowth, processingOrder } from './catalog-scope.ts';
import { cleanUpDumps } from './cleanup.ts';
import { processDropFolder, type DropResult } from './drop-folder.ts';
import { DownloadError } from '../download/download.ts';
import { ingestFile, IngestStopped } from '../ingest/ingest-file.ts';
import { listingUrl, parseListing, type ListedMonth } from '../discover/listing.ts';
import {
  fetchChecksums,
  fetchMonthFiles,
  filesToFetch,
  monthDir,
} from '../download/month-files.ts';
import { RunRecords } from './run-records.ts';
import { whyUnanswered } from '../../network-error.ts';
import { moveTo } from './run-status.ts';

export interface PipelineDeps {
  config: Config;
  state: StateStore;
  db: Database;
  dbPath: string;
  log: Logger;
  userAgent: string;
  onProgress?: (p: Progress) => void;
  onChange?: (run: DumpRun) => void;
  freeBytes?: (dir: string) => Promise<number>;
}

/** The drop folder's files were loaded; looking for a newer month on the dump host then failed. */
export class NothingNewer extends UserError {
  constructor(
    readonly loaded: number,
    readonly reason: string,
  ) {
    super(
      `loaded ${loaded} file${loaded === 1 ? '' : 's'} from the drop folder; looking for a newer month: ${reason}`,
    );
  }
}

export class PipelineBusy extends ConflictError {}

/**
 * Keeps the catalog current from Discogs' monthly dumps: discover → download → verify →
 * ingest → clean up, one month at a time, with a processing record per month in lowdb.
 * Each attempt picks up where the last one stood (downloaded files are kept, a `.part` is
 * resumed); failed attempts are retried on the configured schedule.
 */
export class DumpPipeline {
  readonly records: RunRecords;
  #running: Promise<DumpRun> | undefined;
  readonly #dumpsDir: string;

  constructor(private readonly deps: PipelineDeps) {
    this.records = new RunRecords(deps.state, deps.onChange);
    this.#dumpsDir = join(deps.config.dataDir, 'dumps');
  }

  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Runs `yearMonth` (default: the newest complete month listed) to completion or to its last attempt. */
  run(yearMonth?: string, signal?: AbortSignal): Promise<DumpRun> {
    if (this.#running) throw new PipelineBusy('a dump run is already in progress');
    this.#running = this.#run(yearMonth, signal).finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** The month the hub was working on, or waiting to retry, when it last stopped: resume it at start. */
  unfinished(): DumpRun | undefined {
    return this.records
      .list()
      .find(
        (r) =>
          r.status === 'downloading' ||
          r.status === 'ready_for_processing' ||
          r.status === 'processing' ||
          (r.status === 'failed' && r.next_retry_at !== null),
      );
  }

  /**
   * Ingests dump files an owner copied into `<data dir>/dumps/incoming` (see drop-folder.ts), and
   * records the load, with each file's counts, when there was anything.
   */
  async dropFolder(signal?: AbortSignal): Promise<DropResult[]> {
    const { db, dbPath, log, onProgress } = this.deps;
    const results = await processDropFolder(join(this.#dumpsDir, 'incoming'), {
      db,
      dbPath,
      log,
      onProgress,
      signal,
    });
    if (results.length > 0) {
      await this.records.addDrop({
        loaded_at: new Date().toISOString(),
        files: results.flatMap((r) =>
          r.result
            ? [
                {
                  name: r.file,
                  added: r.result.added,
                  changed: r.result.changed,
                  unchanged: r.result.unchanged,
                  deleted: r.result.deleted,
                  skipped: r.result.skipped,
                  seconds: r.result.seconds,
                },
              ]
            : [],
        ),
        rejected: results.flatMap((r) =>
          r.outcome === 'rejected' ? [{ name: r.file, reason: r.reason ?? '' }] : [],
        ),
      });
    }
    return results;
  }

  async #run(yearMonth: string | undefined, signal?: AbortSignal): Promise<DumpRun> {
    // The routine check (no month asked for) first takes what the owner dropped in by hand.
    const dropped = yearMonth ? [] : await this.dropFolder(signal);
    const month = await this.#discover(yearMonth, signal).catch((err: Error) => {
      const loaded = dropped.filter((d) => d.outcome === 'ingested').length;
      throw loaded > 0 ? new NothingNewer(loaded, err.message) : err;
    });
    const run = this.records.ensure(month.yearMonth, month.date);
    if (!month.ready) {
      const missing = [
        ...dumpFileKinds.filter((k) => !month.dataFiles[k]),
        ...(month.checksumFile ? [] : ['CHECKSUM']),
      ];
      run.last_error = `not completely published yet (missing: ${missing.join(', ')}); checked again on the next run`;
      await this.records.save(run);
      return run;
    }
    const delays = this.deps.config.dumpRetrySeconds;
    if (run.status === 'failed' && run.retry_count >= delays.length) run.retry_count = 0; // asked again by hand: a fresh set of attempts
    // A retry planned before a restart (perhaps an hour's Retry-After) still waits its time.
    const pending = run.next_retry_at ? Date.parse(run.next_retry_at) - Date.now() : 0;
    if (run.status === 'failed' && pending > 0) await sleep(pending, undefined, { signal });
    for (;;) {
      try {
        await this.#attempt(run, month, signal);
        return run;
      } catch (err) {
        if (err instanceof IngestStopped || signal?.aborted) {
          await this.records.save(run);
          throw err;
        }
        run.retry_count++;
        run.last_error = isDiskFull(err)
          ? `the disk is full (${this.deps.config.dataDir}): free some space, then Retry; the files and records already here are kept`
          : (err as Error).message;
        if (run.status !== 'failed') moveTo(run, 'failed');
        const left = run.retry_count < delays.length;
        const wait = left
          ? Math.max(delays[run.retry_count]! * 1000, (err as DownloadError).retryAfterMs ?? 0)
          : 0;
        run.next_retry_at = left ? new Date(Date.now() + wait).toISOString() : null;
        await this.records.save(run);
        this.deps.log.warn(
          { month: run.year_month, attempt: run.retry_count, err: run.last_error },
          left
            ? `dump ${run.year_month} failed; retrying in ${Math.round(wait / 1000)} s`
            : `dump ${run.year_month} failed after ${run.retry_count} attempts`,
        );
        if (!left) return run;
        await sleep(wait, undefined, { signal });
      }
    }
  }

  async #discover(yearMonth: string | undefined, signal?: AbortSignal): Promise<ListedMonth> {
    const now = new Date();
    const years = yearMonth
      ? [Number(yearMonth.slice(0, 4))]
      : [now.getUTCFullYear(), now.getUTCFullYear() - 1];
    const months: ListedMonth[] = [];
    for (const year of years) {
      const url = listingUrl(this.deps.config.dumpsUrl, year);
      const res = await fetch(url, {
        headers: { 'user-agent': this.deps.userAgent },
        signal,
      }).catch((err: Error) => {
        throw new UserError(`cannot reach the dump host: ${whyUnanswered(err, url)}`);
      });
      if (res.ok) months.push(...parseListing(await res.text(), url));
      else if (res.status !== 404)
        throw new UserError(`the dump host answered HTTP ${res.status} for ${url}`);
      if (!yearMonth && months.some((m) => m.ready)) break;
    }
    const found = yearMonth
      ? months.find((m) => m.yearMonth === yearMonth)
      : months.filter((m) => m.ready).at(-1);
    if (!found)
      throw new UserError(
        yearMonth
          ? `no dump for ${yearMonth} is listed at ${this.deps.config.dumpsUrl}`
          : `no complete dump month is listed at ${this.deps.config.dumpsUrl} for ${years.join(' or ')}`,
      );
    return found;
  }

  async #attempt(run: DumpRun, month: ListedMonth, signal?: AbortSignal): Promise<void> {
    const save = () => this.records.save(run);
    const scope = this.deps.state.data.settings.catalogScope;
    const checksums = await fetchChecksums(month, this.deps.userAgent, signal);
    const dir = monthDir(this.#dumpsDir, run.year_month);
    if (run.status === 'completed') {
      // A file re-uploaded after publication has a new checksum: fetch and ingest it again.
      const changed = Object.keys(checksums).filter(
        (name) => run.checksums[name] !== checksums[name],
      );
      if (changed.length === 0) return;
      this.deps.log.info(
        { month: run.year_month, files: changed },
        'dump files changed since they were processed',
      );
    }
    run.checksums = checksums;

    if (filesToFetch(run, dir).length > 0) {
      to(run, 'downloading');
      await save();
      await fetchMonthFiles(
        run,
        month,
        {
          dumpsDir: this.#dumpsDir,
          userAgent: this.deps.userAgent,
          stallMs: this.deps.config.dumpStallSeconds * 1000,
          onProgress: this.deps.onProgress,
          signal,
          freeBytes: this.deps.freeBytes,
          growth: catalogGrowth(this.deps.db, scope),
        },
        save,
      );
      to(run, 'ready_for_processing');
      await save();
    }

    to(run, 'processing');
    await save();
    for (const kind of processingOrder(scope)) {
      const f = run.files[kind]!;
      if (f.ingested_at) continue; // done before a restart or a failure in a later file
      const keep = scope === 'collection' ? idsInCollectionScope(this.deps.db, kind) : undefined;
      const r = await ingestFile(join(dir, f.name), {
        db: this.deps.db,
        dbPath: this.deps.dbPath,
        onProgress: this.deps.onProgress,
        signal,
        keep,
      });
      Object.assign(f, {
        ingested_at: new Date().toISOString(),
        added: r.added,
        changed: r.changed,
        unchanged: r.unchanged,
        deleted: r.deleted,
        skipped: r.skipped,
        seconds: r.seconds,
      });
      await save();
    }
    to(run, 'completed');
    await save();
    const { dumpRetentionMonths, dumpPreserveFiles } = this.deps.state.data.settings;
    const removed = await cleanUpDumps(
      this.#dumpsDir,
      this.records.list(),
      dumpRetentionMonths,
      dumpPreserveFiles,
      this.deps.log,
    );
    if (removed.length) this.deps.log.info({ removed }, 'deleted processed dump files');
  }
}

/** Moves to `status` unless already there (a resumed attempt). */
function to(run: DumpRun, status: DumpStatus): void {
  if (run.status !== status) moveTo(run, status);
}
