import { Cron } from 'croner';
import type { AccountSyncStatus } from '../../shared/account-sync.ts';
import { ConflictError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Schedule } from '../../shared/settings.ts';
import type { CollectionSync } from './collection-sync.ts';

export class AccountSyncBusy extends ConflictError {}

/** Account sync in the running hub: in the background, cancellable, and a daily full reconcile. */
export class AccountSync {
  #stop: AbortController | undefined;
  #current: Promise<AccountSyncStatus> | undefined;
  #job: Cron | undefined;

  constructor(
    private readonly sync: CollectionSync,
    private readonly log: Logger,
    /** Told when a run starts and ends; progress in between comes from CollectionSync. */
    private readonly onStatus: (status: AccountSyncStatus) => void = () => {},
  ) {}

  get status(): AccountSyncStatus {
    return this.sync.status;
  }

  start(kind: 'full' | 'incremental'): void {
    if (this.#current) throw new AccountSyncBusy('an account sync is already running');
    this.#stop = new AbortController();
    this.#current = this.sync.run(kind, this.#stop.signal).finally(() => {
      this.#current = undefined;
      this.log.info(
        { kind, state: this.sync.status.state, requests: this.sync.status.requests },
        `account sync ended: ${this.sync.status.state}`,
      );
      this.onStatus(this.sync.status);
    });
    // run() marks itself running before its first await.
    this.onStatus(this.sync.status);
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
          if (!this.#current) this.start('full');
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
    this.#job?.stop();
    this.cancel();
    await this.#current;
  }
}
