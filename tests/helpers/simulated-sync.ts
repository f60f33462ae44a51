// An in-process hub (real SQLite, the real sync routes and auth) and devices running the PWA's
// real sync engine over fake-indexeddb, for tests of delta sync that need many devices and
// faults on demand: offline, lost replies, hub restarts.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Hono } from 'hono';
import type { AuthService } from '../../hub/auth/auth-service.ts';
import { AttemptLimiter } from '../../hub/auth/attempt-limiter.ts';
import { requireCaller } from '../../hub/http/auth.ts';
import { pairingRoutes } from '../../hub/http/pairing.ts';
import { deviceSyncRoutes } from '../../hub/http/device-sync.ts';
import { VaultDb } from '../../web/src/data/db.ts';
import { SyncEngine } from '../../web/src/data/sync-engine.ts';
import { openSyncHub, type SyncHub } from './sync-hub.ts';

const HUB = 'http://hub.test';

/** The hub as it runs: its files survive a restart, its memory does not. */
export class SimulatedHub {
  hub!: SyncHub;
  auth!: AuthService;
  app!: Hono;
  constructor(
    private dir: string,
    private readonly o: { discogsApiUrl?: string } = {},
  ) {}

  async open(): Promise<this> {
    this.hub = await openSyncHub(this.dir, this.o);
    this.auth = this.hub.auth;
    this.app = new Hono();
    this.app.use('/api/*', requireCaller(this.auth));
    this.app.route(
      '/api',
      pairingRoutes(this.auth, { deviceLink: () => `${HUB}/`, attempts: new AttemptLimiter() }),
    );
    this.app.route('/api/sync', deviceSyncRoutes(this.hub.log, this.hub.push));
    // As the real app answers: a request caught by a restart fails with a 500, not a crash.
    this.app.onError((_err, c) => c.json({ error: 'internal error; see the hub log' }, 500));
    return this;
  }

  async restart(): Promise<void> {
    await this.hub.close();
    await this.open();
  }

  /** The hub moves to another data dir (one a backup was restored into); devices keep its URL. */
  async moveTo(dir: string): Promise<void> {
    await this.hub.close();
    this.dir = dir;
    await this.open();
  }

  fetch = (url: string, init?: RequestInit) => this.app.request(url, init);

  /** Pairs a device as a person would: the admin makes a code, the device exchanges it. */
  async pair(d: SimulatedDevice): Promise<void> {
    await d.engine.pair(HUB, (await this.auth.newPairingCode()).code, d.name);
  }
}

/** A device: its own IndexedDB, the real engine, and a network that can drop or lose replies. */
export class SimulatedDevice {
  online = true;
  loseNextReply = false;
  readonly engine: SyncEngine;
  /** The device's IndexedDB: a second VaultDb over it is the app after a reload. */
  readonly idb = new IDBFactory();
  /** Called with each request before the hub sees it, e.g. to edit while a pull is under way. */
  beforeRequest: (url: string) => Promise<void> = async () => {};
  constructor(
    readonly name: string,
    sim: SimulatedHub,
  ) {
    this.engine = new SyncEngine(new VaultDb(name, { indexedDB: this.idb, IDBKeyRange }), {
      fetch: async (url, init) => {
        if (!this.online) throw new TypeError('Failed to fetch');
        await this.beforeRequest(url);
        const res = await sim.fetch(url, init);
        if (this.loseNextReply && url.endsWith('/api/sync/push')) {
          // The hub applied the push, but its reply never arrives.
          this.loseNextReply = false;
          throw new TypeError('network connection was lost');
        }
        return res;
      },
    });
  }
}
