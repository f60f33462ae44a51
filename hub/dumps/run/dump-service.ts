import { Cron } from 'croner';
import type { DropLoad, DumpCheck, DumpRun } from '../../../shared/dump-runs.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { Schedule } from '../../../shared/settings.ts';
import { DumpPipeline, NothingNewer, PipelineBusy } from './pipeline.ts';

export class UnknownMonth extends NotFoundError {}

/**
 * The pipeline as the running hub uses it: runs in the background (the HTTP call returns at
 * once), on a daily schedule, resumed at start, and stopped at a batch boundary on shutdown.
 */
export class DumpService {
  #job: Cron | undefined;
  #stop = new AbortController();
  #current: Promise<unknown> | undefined;
  #lastCheck: DumpCheck | null = null;

  constructor(
    private readonly pipeline: DumpPipeline,
    private readonly log: Logger,
    /** Told how each run's look for a month went; a failure before any month has no record of its own. */
    private readonly onCheck: (check: DumpCheck) => void = () => {},
  ) {}

  /** The latest look for a month since the hub started; null before the first. */
  get lastCheck(): DumpCheck | null {
    return this.#lastCheck;
  }

  list(): DumpRun[] {
    return this.pipeline.records.list();
  }

  /** Loads of files dropped into dumps/incoming, newest last. */
  drops(): DropLoad[] {
    return this.pipeline.records.drops();
  }

  get running(): boolean {
    return this.pipeline.running;
  }

  /** Starts a run in the background; throws PipelineBusy when one is under way. */
  start(month?: string): void {
    if (this.pipeline.running) throw new PipelineBusy('a dump run is already in progress');
    const run = this.pipeline.run(month, this.#stop.signal);
    this.#current = run.then(
      (r) => {
        this.log.info({ month: r.year_month, status: r.status }, `dump run ended: ${r.status}`);
        this.#checked(r.year_month, null);
      },
      (err: Error) => {
        if (this.#stop.signal.aborted) return;
        // The drop folder's files were loaded: that run did its work; only the look further failed.
        if (err instanceof NothingNewer)
          this.log.warn({ loaded: err.loaded, err: err.reason }, err.message);
        else this.log.error({ err: err.message }, 'dump run failed');
        this.#checked(null, err instanceof NothingNewer ? err.reason : err.message);
      },
    );
  }

  #checked(month: string | null, error: string | null): void {
    this.#lastCheck = { at: new Date().toISOString(), month, error };
    this.onCheck(this.#lastCheck);
  }

  /** Retries a failed month now (one whose attempts were spent gets a fresh set: see DumpPipeline). */
  retry(month: string): void {
    const run = this.pipeline.records.find(month);
    if (!run) throw new UnknownMonth(`no dump record for ${month}`);
    if (run.status !== 'failed')
      throw new ConflictError(`dump ${month} is ${run.status}, not failed`);
    // Now means now: not after a wait planned by an earlier attempt.
    run.next_retry_at = null;
    this.start(month);
  }

  /** The daily check (default 02:00 UTC); croner's `protect` keeps runs from overlapping. */
  schedule(settings: Schedule): void {
    this.#job?.stop();
    this.#job = undefined;
    if (!settings.enabled) return;
    this.#job = new Cron(settings.cron, { timezone: 'UTC', protect: true }, () => {
      if (!this.pipeline.running) this.start();
    });
    this.log.info({ next: this.#job.nextRun()?.toISOString() }, 'dump check scheduled');
  }

  /** When the schedule next looks for a month; null when it is off. */
  get nextRun(): Date | null {
    return this.#job?.nextRun() ?? null;
  }

  /** At start: carry on with a month left downloading or processing when the hub stopped. */
  resumeUnfinished(): void {
    const run = this.pipeline.unfinished();
    if (!run) return;
    this.log.info(
      { month: run.year_month, status: run.status },
      'resuming the dump month left unfinished',
    );
    this.start(run.year_month);
  }

  async stop(): Promise<void> {
    this.#job?.stop();
    this.#stop.abort();
    await this.#current;
  }
}
