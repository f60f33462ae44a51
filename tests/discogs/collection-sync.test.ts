import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscogsAccount } from '../../hub/discogs/account.ts';
import { CollectionSync } from '../../hub/discogs/collection-sync.ts';
import { collectedWithoutDocument } from '../../hub/db/collected-releases.ts';
import { enrichReleases } from '../../hub/discogs/enrichment.ts';
import { SqliteCatalogStore } from '../../hub/db/sqlite-catalog-store.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { range, releasesDump } from '../helpers/release-dump.ts';
import { RateLimiter } from '../../hub/discogs/rate-limiter.ts';
import { TokenVault } from '../../hub/discogs/token-vault.ts';
import { CollectionStore } from '../../hub/db/collection-store.ts';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { openState } from '../../hub/state/store.ts';
import {
  makeCollection,
  startFakeDiscogsApi,
  type FakeDiscogsApi,
  type FakeDiscogsOptions,
} from '../fakes/discogs-api.ts';
import { tempDir } from '../helpers/temp-dir.ts';

// Tests that sync more than once use a 2-second window standing in for Discogs' minute.
const short = { limit: 60, windowMs: 2000 };

describe('collection sync against the fake Discogs API', () => {
  let api: FakeDiscogsApi;
  let db: Database;
  afterEach(async () => {
    db?.close();
    await api?.close();
  });

  async function setup(o: FakeDiscogsOptions = {}, window = { limit: 60, windowMs: 60_000 }) {
    api = await startFakeDiscogsApi({ collection: makeCollection(5000, 120), ...window, ...o });
    const data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    const state = await openState(join(data, 'state.json'));
    const account = new DiscogsAccount(state, new TokenVault(data), {
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      limiter: new RateLimiter(window),
      timeoutMs: 2000,
    });
    await account.login('test-token');
    api.requests.length = 0;
    const store = new CollectionStore(db);
    return { sync: new CollectionSync(account, store, state), store, state };
  }

  it('syncs 5,000 instances over three folders with one request per page of 100, and no 429', async () => {
    const { sync, store, state } = await setup();
    const status = await sync.run('full');
    expect(status).toMatchObject({
      state: 'completed',
      kind: 'full',
      percent: 100,
      tooMany: 0,
      lastError: null,
    });
    // folders + fields + 50 pages + 2 wantlist pages + value
    expect(status.requests).toBe(55);
    expect(
      api.requests
        .filter((r) => r.path.includes('/folders/0/releases'))
        .every((r) => /per_page=100&sort=added/.test(r.path)),
    ).toBe(true);
    expect(api.tooMany).toBe(0);
    expect(store.counts()).toEqual({ folders: 4, fields: 2, instances: 5000, wants: 120 });
    const first = store.instances()[0]!;
    expect(first).toMatchObject({
      instance_id: 5_000_000,
      release_id: 1000,
      folder_id: 1,
      rating: 0,
      notes: { '1': 'Near Mint (NM or M-)', '3': 'bought 0' },
    });
    expect(state.data.collectionValue).toMatchObject({
      minimum: '€50.86',
      median: '€71.20',
      maximum: '€101.72',
    });
    expect(state.data.syncRuns.at(-1)).toMatchObject({
      kind: 'full',
      state: 'completed',
      requests: 55,
      changed: 5120,
    });
  });

  it('a second run with nothing changed costs a handful of requests', async () => {
    const { sync, state } = await setup({}, short);
    await sync.run('full');
    api.requests.length = 0;
    const again = await sync.run('incremental');
    // The value is kept once a day for its history: a second sync the same day replaces it.
    expect(state.data.collectionValues).toHaveLength(1);
    expect(state.data.collectionValues[0]).toEqual(state.data.collectionValue);
    expect(again).toMatchObject({ state: 'completed', requests: 5 });
    expect(api.requests.map((r) => r.path.split('?')[0]!.split('/').slice(3).join('/'))).toEqual([
      'collection/folders',
      'collection/fields',
      'collection/folders/0/releases',
      'wants',
      'collection/value',
    ]);
  });

  it('picks up new instances incrementally, and removals on the full reconcile', async () => {
    const { sync, store } = await setup({}, short);
    await sync.run('full');
    const newest = makeCollection(5003)
      .instances.slice(5000)
      .map((i) => ({ ...i, date_added: '2030-01-01T00:00:00-00:00' }));
    api.collection.instances.push(...newest);
    expect(await sync.run('incremental')).toMatchObject({ state: 'completed', requests: 5 });
    expect(store.counts().instances).toBe(5003);
    api.collection.instances.splice(0, 10);
    expect(store.counts().instances).toBe(5003);
    await sync.run('full');
    expect(store.counts().instances).toBe(4993);
    expect(api.tooMany).toBe(0);
  });

  it('a token revoked mid-sync stops with a clear status and keeps everything local', async () => {
    const { sync, store } = await setup({}, short);
    await sync.run('full');
    api.faults.revokeAfter = api.requests.length + 10;
    const status = await sync.run('full');
    expect(status).toMatchObject({
      state: 'token_refused',
      lastError: expect.stringContaining('the token was refused: log in again'),
    });
    expect(store.counts()).toEqual({ folders: 4, fields: 2, instances: 5000, wants: 120 });
  });

  it('meets no 429 storm when other tools have nearly spent the budget', async () => {
    // A 3-second window stands in for the minute.
    const { sync } = await setup({ alreadyUsed: 55 }, { limit: 60, windowMs: 3000 });
    const status = await sync.run('full');
    expect(status.state).toBe('completed');
    expect(api.tooMany).toBeLessThanOrEqual(1);
  }, 30_000);

  it('cancel leaves a consistent state: what was read is kept, nothing is removed', async () => {
    const { sync, store } = await setup();
    const stop = new AbortController();
    const run = sync.run('full', stop.signal);
    await new Promise((r) => setTimeout(r, 100));
    stop.abort();
    const status = await run;
    expect(status).toMatchObject({
      state: 'cancelled',
      lastError: 'cancelled; what was read so far is kept',
    });
    const n = store.counts().instances;
    expect(n % 100).toBe(0);
    expect(n).toBeLessThan(5000);
  });
});

describe('enrichment', () => {
  it('fetches only releases the catalog lacks, keeps them searchable, and lets a dump replace them', async () => {
    const api = await startFakeDiscogsApi({
      collection: makeCollection(30, 5),
      limit: 60,
      windowMs: 2000,
    });
    const data = tempDir();
    const dbPath = join(data, 'catalog.sqlite');
    const db = openHubDatabase(dbPath);
    try {
      await ingestFile(releasesDump(data, range(1000, 20)), { db, dbPath });
      const state = await openState(join(data, 'state.json'));
      const account = new DiscogsAccount(state, new TokenVault(data), {
        baseUrl: api.url,
        userAgent: 'VinylVault/test',
        limiter: new RateLimiter({ limit: 60, windowMs: 2000 }),
      });
      await account.login('test-token');
      api.goneReleases.add(90_004);
      const sync = new CollectionSync(account, new CollectionStore(db), state, undefined, {
        enrich: (signal, tally) => enrichReleases(db, account.client, signal, tally),
      });
      const status = await sync.run('full');
      expect(status.enrichment).toEqual({ fromCatalog: 20, fetched: 14, missing: 1 });
      const store = new SqliteCatalogStore(db);
      expect(store.get('release', 1025)).toMatchObject({
        title: 'Record 1025',
        status: 'Accepted',
      });
      expect(store.search('record 1025')[0]).toMatchObject({ id: 1025 });
      expect(
        store.releasesOfArtist(103, { page: 1, perPage: 50 }).items.map((i) => i.id),
      ).toContain(1025);
      expect(collectedWithoutDocument(db)).toEqual([90_004]);

      api.requests.length = 0;
      expect((await sync.run('incremental')).enrichment).toEqual({
        fromCatalog: 34,
        fetched: 0,
        missing: 1,
      });
      expect(
        api.requests.filter((r) => r.path.startsWith('/releases/')).map((r) => r.path),
      ).toEqual(['/releases/90004']);

      // The next dump has it: the dump's document replaces the fetched one.
      const r = await ingestFile(releasesDump(data, [1025], '20260201'), { db, dbPath });
      expect(r).toMatchObject({ changed: 1 });
      expect(store.get('release', 1025)).toMatchObject({ title: 'Catalog 1025' });
    } finally {
      db.close();
      await api.close();
    }
  });
});
