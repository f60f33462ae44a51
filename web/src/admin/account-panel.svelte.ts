import type { AccountSyncView, DiscogsConnection } from '../../../shared/account-sync.ts';
import type { ReplyOf } from '../../../shared/hub-api.ts';
import type { Progress } from '../../../shared/progress.ts';
import { adminApi, newestOnly } from './admin-api.ts';
import { Feedback } from './feedback.svelte.ts';
import { onHubEvent } from './hub-events.ts';

/**
 * The Discogs account panel's state: the connection, the account sync (its status, runs, rate
 * budget and live progress) and the write-back queue, kept current from the hub's events.
 */
export class AccountModel {
  connection = $state<DiscogsConnection | null>(null);
  status = $state<AccountSyncView | null>(null);
  /** The running sync's latest progress event, from the hub's event stream. */
  live = $state<Progress | null>(null);
  writeback = $state<ReplyOf<'GET /api/discogs/writeback'> | null>(null);
  readonly feedback = new Feedback();
  readonly sending = new Feedback();
  #loadedAt = 0;

  readonly load = newestOnly(
    () => {
      this.#loadedAt = Date.now();
      return Promise.all([
        adminApi('GET /api/account-sync/status'),
        adminApi('GET /api/discogs/writeback'),
      ]);
    },
    (both) => ([this.status, this.writeback] = both),
  );

  /** Loads, follows the hub's events and refreshes quietly; returns the stop. */
  start(): () => void {
    void this.feedback.run(this.load);
    // Apart: checking the token waits on Discogs, which may be slow or out of reach.
    void adminApi('GET /api/discogs/connection').then(
      (c) => (this.connection = c),
      (err: Error) => (this.feedback.error = err.message),
    );
    const quietly = () => void this.load().catch(() => undefined);
    const stops = [
      onHubEvent('hello', quietly),
      // A run's start and end come pushed; its end also brings the run record and the budget.
      onHubEvent('sync', (s) => {
        if (s.state === 'running') {
          if (this.status) this.status = { ...this.status, ...s };
          return;
        }
        // The end is shown with its run record and the budget, which load() brings together.
        void this.load().then(
          () => (this.live = null),
          () => undefined,
        );
      }),
      onHubEvent('progress', (p) => {
        if (p.job !== 'sync') return;
        this.live = p;
        // The rate budget moves with every request; re-read it now and then, not per event.
        if (Date.now() - this.#loadedAt > 3000) quietly();
      }),
    ];
    // Devices' edits join the write-back queue and leave it as it drains, with no event of
    // their own; and the rate budget empties as the minute passes. A quiet refresh covers both.
    const timer = setInterval(quietly, 15_000);
    return () => (clearInterval(timer), stops.forEach((stop) => stop()));
  }

  connected(username: string): void {
    this.connection = { state: 'online', username };
    this.feedback.notice = `Connected as ${username}.`;
  }

  sync(kind: 'incremental' | 'full'): Promise<boolean> {
    return this.#act(
      () => adminApi('POST /api/account-sync/start', { body: { kind } }),
      kind === 'full' ? 'Full sync started.' : 'Sync started.',
    );
  }

  cancel(): Promise<boolean> {
    return this.#act(
      () => adminApi('POST /api/account-sync/cancel'),
      'Cancelling at the next page.',
    );
  }

  /** "Send now": drains the write-back queue at once. */
  send(): Promise<boolean> {
    return this.sending.run(
      async () => {
        const r = await adminApi('POST /api/discogs/writeback/send');
        await this.load();
        if (r.stoppedBy) throw new Error(`Stopped, ${r.waiting} still waiting: ${r.stoppedBy}`);
        return r;
      },
      (r) => `${r.applied} sent${r.dropped ? `; ${r.dropped} refused by Discogs (below)` : ''}.`,
    );
  }

  #act(action: () => Promise<unknown>, done: string): Promise<boolean> {
    return this.feedback.run(async () => (await action(), await this.load()), done);
  }
}
