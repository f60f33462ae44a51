import { Cron } from 'croner';
import type { AccountSyncStatus } from '../../shared/account-sync.ts';
import { ConflictError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Schedule } from '../../shared/settings.ts';
import type { StateStore } from '../state/store.ts';
import type { CollectionSync } from './collection-sync.ts';

export class AccountSyncBusy extends ConflictError {}

/** Account sync in the running hub: in the background, cancellable, and a daily full reconcile. */
export class AccountSync {
  #stop: AbortController | undefined;
  #current: Promise<AccountSyncStatus> | undefined;
  #job: Cron | undefined;
  #stopping = false;

  constructor(
    private readonly sync: CollectionSync,
    private readonly state: StateStore,
    private readonly log: Logger,
    /** Told when a run starts and ends; progress in between comes from CollectionSync. */
    private readonly onStatus: (status: AccountSyncStatus) => void = () => {},
  ) {}

  get status(): AccountSyncStatus {
    return this.sync.status;
  }

  /**
   * Starts a sync in the background; settles once the start is on disk (so a power cut after a
   * caller was told "started" still finds it at the next start).
   */
  start(kind: 'full' | 'incremental'): Promise<void> {
    if (this.#current) throw new AccountSyncBusy('an account sync is already running');
    this.#stop = new AbortController();
    const recorded = this.#mark({ kind, started_at: new Date().toISOString() });
    this.#current = this.sync.run(kind, this.#stop.signal).finally(() => {
      this.#current = undefined;
      // Stopped with the hub, it is run again at the next start; ended any other way, it is done.
      if (!this.#stopping) this.#mark(null);
      this.log.info(
        { kind, state: this.sync.status.state, requests: this.sync.status.requests },
        `account sync ended: ${this.sync.status.state}`,
      );
      this.onStatus(this.sync.status);
    });
    // run() marks itself running before its first await.
    this.onStatus(this.sync.status);
    return recorded;
  }

  /** At start: runs again a sync the hub was killed or stopped during. */
  resumeInterrupted(): void {
    const was = this.state.data.accountSyncRunning;
    if (!was || this.#current) return;
    this.log.warn(
      { kind: was.kind, startedAt: was.started_at },
      'an account sync was interrupted; running it again',
    );
    void this.start(was.kind);
  }

  #mark(running: StateStore['data']['accountSyncRunning']): Promise<void> {
    this.state.data.accountSyncRunning = running;
    // A failed write (a full disk) leaves the marker as it was on disk: at worst a sync runs again.
    return this.state.write().catch(() => undefined);
  }

  /** Stops at the next page; returns false when nothing was running. */
  cancel(): boolean {
    if (!this.#current) return false;
    this.#stop!.abort();
    return true;
  }

  schedule(settings: Schedule): void {
    this.#job?.stop();
    this.#job = settings.enabled
      ? new Cron(settings.cron, { timezone: 'UTC', protect: true }, () => {
          if (!this.#current) void this.start('full');
        })
      : undefined;
  }

  /** Settles when no sync is running (at once when none is). */
  get idle(): Promise<void> {
    return this.#current?.then(() => undefined) ?? Promise.resolve();
  }

  /** When the scheduled full reconcile next runs; null when it is off. */
  get nextRun(): Date | null {
    return this.#job?.nextRun() ?? null;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#job?.stop();
    this.cancel();
    await this.#current;
  }
}
