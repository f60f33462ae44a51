import type { Mutation, MutationDraft } from '../../../shared/mutations.ts';
import type { Progress } from '../../../shared/progress.ts';
import type { Pairing, VaultDb } from './db.ts';
import { DeviceNotPaired, HubClient, HubUnreachable, type Fetch } from './hub-client.ts';
import { flushOutbox, recordEdit } from './outbox.ts';
import { pullAll } from './pull.ts';

export interface DeviceSyncStatus {
  state: 'unpaired' | 'idle' | 'syncing' | 'offline' | 'error';
  progress: Progress | null;
  lastSyncAt: string | null;
  /** In words, for the person: why the last sync did not finish. */
  lastError: string | null;
}

/** The tag the service worker syncs on, for periodic and one-off background sync. */
export const BACKGROUND_SYNC_TAG = 'vinylvault-sync';

/** One sync at a time across this device's tabs and its service worker. */
type Lock = <T>(fn: () => Promise<T>) => Promise<T>;
type WebLocks = { request<T>(name: string, fn: () => Promise<T>): Promise<T> };

function defaultLock(): Lock {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
  if (locks) return (fn) => locks.request('vinylvault-sync', fn);
  // Where Web Locks are missing (Node in tests), one engine at a time is what there is to order.
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
}

/**
 * The device's side of delta sync: edits apply here at once and wait in the outbox; `sync()`
 * sends the outbox, then pulls the hub's changes. Requests to sync while one runs are folded
 * into one more run after it, so a nudge during a pull is never lost.
 */
export class SyncEngine {
  status: DeviceSyncStatus = { state: 'unpaired', progress: null, lastSyncAt: null, lastError: null };
  readonly #listeners = new Set<(s: DeviceSyncStatus) => void>();
  #running: Promise<void> | null = null;
  #again = false;

  constructor(
    readonly db: VaultDb,
    private readonly options: { fetch?: Fetch; lock?: Lock } = {},
  ) {}

  onStatus(listener: (s: DeviceSyncStatus) => void): () => void {
    this.#listeners.add(listener);
    listener(this.status);
    return () => this.#listeners.delete(listener);
  }

  /** Reads what the last session left (paired or not, when it last synced) into `status`. */
  async restore(): Promise<void> {
    const [pairing, lastSyncAt] = await Promise.all([this.pairing(), this.db.getMeta('lastSyncAt')]);
    this.#set({ state: pairing ? 'idle' : 'unpaired', lastSyncAt: lastSyncAt ?? null });
  }

  async pairing(): Promise<Pairing | undefined> {
    return this.db.getMeta('pairing');
  }

  client(p: Pick<Pairing, 'hubUrl' | 'token'>): HubClient {
    return new HubClient(p.hubUrl, p.token, this.options.fetch);
  }

  /** The paired hub's client, for what only the hub answers (its catalog, exports). */
  async pairedClient(): Promise<HubClient> {
    const pairing = await this.pairing();
    if (!pairing) throw new HubUnreachable('this device is not paired with a hub');
    return this.client(pairing);
  }

  /** Exchanges a pairing code for this device's token. The outbox and data are kept. */
  async pair(hubUrl: string, code: string, deviceName: string): Promise<Pairing> {
    const { deviceId, token } = await new HubClient(hubUrl, null, this.options.fetch).pair(code, deviceName);
    const pairing = { hubUrl, deviceId, deviceName, token };
    await this.db.setMeta('pairing', pairing);
    this.#set({ state: 'idle', lastError: null });
    return pairing;
  }

  /** Applies an edit here and queues it for the hub; then syncs (in the background). */
  async edit(draft: MutationDraft): Promise<Mutation> {
    const p = await this.pairing();
    const m = await recordEdit(this.db, draft, p ?? { deviceId: 'unpaired', deviceName: 'this device' });
    void this.sync();
    return m;
  }

  sync(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await (this.options.lock ?? defaultLock())(() => this.#syncOnce());
        // Once more if asked meanwhile, or if the hub said it has more than this run pulled
        // (not after a failed run: the next trigger, e.g. the network coming back, retries).
      } while (this.#again || (this.status.state === 'idle' && (await this.#behind())));
    })().finally(() => (this.#running = null));
    return this.#running;
  }

  /**
   * The hub says its log reaches `cursor` (its event stream): sync if this device is behind it,
   * has edits waiting, or could not reach the hub last time.
   * Unlike `sync()`, a nudge that arrives during a pull which gets that far costs nothing more.
   */
  async nudge(hub: { epoch: string; cursor: number }): Promise<void> {
    this.#hubCursor = hub;
    // While a sync runs, it checks again at its end (see `sync`). A hub that answers again after
    // the last sync could not reach it gets what waits: a phone back on the home Wi-Fi from mobile
    // data sees no "online" event, only the hub's stream coming back.
    if (!this.#running && (this.status.state === 'offline' || (await this.db.outbox.count()) > 0 || (await this.#behind()))) await this.sync();
  }

  #hubCursor: { epoch: string; cursor: number } | null = null;

  /** Whether the hub's last nudge named changes this device has not pulled yet. */
  async #behind(): Promise<boolean> {
    const hub = this.#hubCursor;
    if (!hub) return false;
    const mine = await this.db.getMeta('cursor');
    return mine?.epoch !== hub.epoch || mine.cursor < hub.cursor;
  }

  async #syncOnce(): Promise<void> {
    const pairing = await this.pairing();
    if (!pairing) return this.#set({ state: 'unpaired' });
    const hub = this.client(pairing);
    this.#set({ state: 'syncing', progress: null });
    try {
      await flushOutbox(this.db, hub, pairing);
      const { resend } = await pullAll(this.db, hub, pairing, (progress) => this.#set({ progress }));
      // Edits a restored hub may lack are back in the outbox: another round sends them.
      if (resend > 0) this.#again = true;
      const now = new Date().toISOString();
      await this.db.setMeta('lastSyncAt', now);
      this.#set({ state: 'idle', progress: null, lastSyncAt: now, lastError: null });
    } catch (err) {
      const state = err instanceof HubUnreachable ? 'offline' : err instanceof DeviceNotPaired ? 'unpaired' : 'error';
      this.#set({ state, progress: null, lastError: (err as Error).message });
    }
  }

  #set(change: Partial<DeviceSyncStatus>): void {
    this.status = { ...this.status, ...change };
    for (const l of this.#listeners) l(this.status);
  }
}
