// Discogs' responses as they really come: its own documented wantlist has no date_added (the
// sync failed on it with "NOT NULL constraint failed: wants.date_added" and stored nothing),
// optional fields go missing, extra ones appear, strings turn up as null, and a body can arrive
// cut in half. None of that may break a sync; a malformed item is skipped and named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInstance, ApiWant } from '../../shared/discogs-api.ts';
import { DiscogsAccount } from '../../hub/discogs/account.ts';
import { CollectionSync } from '../../hub/discogs/collection-sync.ts';
import { RateLimiter } from '../../hub/discogs/rate-limiter.ts';
import { TokenVault } from '../../hub/discogs/token-vault.ts';
import { CollectionStore } from '../../hub/db/collection-store.ts';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { openState } from '../../hub/state/store.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { apiFixture } from '../fixtures/paths.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('a sync against Discogs responses as they really come', () => {
  let api: FakeDiscogsApi;
  let db: Database;
  afterEach(async () => {
    db?.close();
    await api?.close();
  });

  async function setup(collection = makeCollection(6)) {
    api = await startFakeDiscogsApi({ collection });
    const data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    const state = await openState(join(data, 'state.json'));
    const account = new DiscogsAccount(state, new TokenVault(data), {
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      limiter: new RateLimiter(),
      timeoutMs: 2000,
      attempts: 3,
      backoffMs: 10,
    });
    await account.login('test-token');
    const store = new CollectionStore(db);
    return { sync: new CollectionSync(account, store, state), store, state };
  }

  it('stores the documented wantlist, whose items have no date_added, and goes on to the collection value', async () => {
    const documented = JSON.parse(
      readFileSync(apiFixture('by-url/users/example/wants_per_page=50&page=1.json'), 'utf8'),
    ) as { wants: ApiWant[] };
    expect(documented.wants.some((w) => w.date_added === undefined)).toBe(true);
    const collection = makeCollection(6);
    collection.wants = documented.wants;
    const { sync, store, state } = await setup(collection);
    const status = await sync.run('full');
    expect(status).toMatchObject({ state: 'completed', lastError: null, skipped: [] });
    expect(store.counts().wants).toBe(documented.wants.length);
    const stored = db
      .prepare('SELECT release_id, date_added, notes FROM wants WHERE release_id = 1867708')
      .get();
    expect(stored).toEqual({
      release_id: 1867708,
      date_added: null,
      notes: 'Sample public notes.',
    });
    expect(state.data.collectionValue).toMatchObject({ median: expect.any(String) });
  });

  it('reads items with optional fields absent, extra fields, and nulls where strings are usual; skips and names a malformed one', async () => {
    const collection = makeCollection(6, 2);
    const [a, b, c, d] = collection.instances as Array<ApiInstance & Record<string, unknown>>;
    delete a!.notes; // no field has a value
    Object.assign(b!, { resource_url: 'https://api.discogs.com/…', extra: { added: 'in 2027' } });
    b!.notes = [{ field_id: 3, value: null as unknown as string }];
    c!.rating = null as unknown as number;
    delete (d as Partial<ApiInstance>).date_added; // required: this one cannot be stored
    Object.assign(collection.wants[0]!, { notes: null, rating: null });
    const { sync, store, state } = await setup(collection);
    const status = await sync.run('full');
    expect(status.state).toBe('completed');
    expect(status.skipped).toEqual([
      `instance ${d!.instance_id}: date_added: Invalid input: expected string, received undefined`,
    ]);
    expect(state.data.syncRuns.at(-1)).toMatchObject({ state: 'completed', skipped: 1 });
    expect(store.counts()).toMatchObject({ instances: 5, wants: 2 });
    const byId = new Map(store.instances().map((i) => [i.instance_id, i]));
    expect(byId.get(a!.instance_id)?.notes).toEqual({});
    expect(byId.get(b!.instance_id)?.notes).toEqual({ '3': '' });
    expect(byId.get(c!.instance_id)?.rating).toBe(0);
    expect(
      db
        .prepare('SELECT notes, rating FROM wants WHERE release_id = ?')
        .get(collection.wants[0]!.id),
    ).toEqual({ notes: '', rating: 0 });
  });

  it('tries a body cut in half again like a 5xx, and names the request when it keeps coming', async () => {
    const { sync, store } = await setup();
    api.faults.garbled = 1;
    expect((await sync.run('full')).state).toBe('completed');
    expect(store.counts().instances).toBe(6);
    api.faults.garbled = 3;
    const status = await sync.run('full');
    expect(status.state).toBe('offline');
    expect(status.lastError).toBe(
      'Discogs GET /users/collector/collection/folders answered 3 times with a body that is not JSON ("{\\"pagination\\": {\\"page\\": 1, \\"pa"…)',
    );
  });

  it('cancelled while Discogs hangs, ends "cancelled" at once, not when the request times out', async () => {
    api = await startFakeDiscogsApi({ collection: makeCollection(6) });
    const data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    const state = await openState(join(data, 'state.json'));
    // A minute's timeout: only the cancel reaching the request on the wire can end this run soon.
    const account = new DiscogsAccount(state, new TokenVault(data), {
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      limiter: new RateLimiter(),
      timeoutMs: 60_000,
    });
    await account.login('test-token');
    const sync = new CollectionSync(account, new CollectionStore(db), state);
    api.faults.timeouts = 99; // Discogs takes the requests and never answers
    const stop = new AbortController();
    const run = sync.run('full', stop.signal);
    await expect.poll(() => api.requests.length).toBeGreaterThan(1);
    stop.abort();
    expect(await run).toMatchObject({
      state: 'cancelled',
      lastError: 'cancelled; what was read so far is kept',
    });
    expect(state.data.syncRuns.at(-1)?.state).toBe('cancelled');
  }, 10_000);

  it('refuses a token check whose identity lacks the username, in words, storing nothing', async () => {
    api = await startFakeDiscogsApi();
    const data = tempDir();
    const state = await openState(join(data, 'state.json'));
    const account = new DiscogsAccount(state, new TokenVault(data), {
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      limiter: new RateLimiter(),
    });
    api.answers.set('/oauth/identity', { status: 200, body: '{"id": 1, "resource_url": "…"}' });
    await expect(account.login('test-token')).rejects.toThrow(
      'Discogs GET /oauth/identity answered without what the hub needs: username: Invalid input: expected string, received undefined',
    );
    expect(state.data.settings.discogs).toBeNull();
  });
});
