import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiscogsAccount } from '../../hub/discogs/account.ts';
import { RateLimiter } from '../../hub/discogs/rate-limiter.ts';
import { TokenVault } from '../../hub/discogs/token-vault.ts';
import { WriteBackDrainer, WriteBackQueue } from '../../hub/discogs/writeback.ts';
import { WriteBackAnswers } from '../../hub/discogs/writeback-answers.ts';
import { CollectionStore } from '../../hub/db/collection-store.ts';
import { createLogger } from '../../hub/log.ts';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { openState } from '../../hub/state/store.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('write-back queue against the fake Discogs API', () => {
  let api: FakeDiscogsApi;
  let db: Database;
  let queue: WriteBackQueue;
  const first = 5_000_000;

  beforeEach(async () => {
    api = await startFakeDiscogsApi({
      collection: makeCollection(3, 1),
      limit: 60,
      windowMs: 2000,
    });
    const data = tempDir();
    db = openHubDatabase(join(data, 'catalog.sqlite'));
    const state = await openState(join(data, 'state.json'));
    const account = new DiscogsAccount(state, new TokenVault(data), {
      baseUrl: api.url,
      userAgent: 'VinylVault/test',
      limiter: new RateLimiter({ limit: 60, windowMs: 2000 }),
      timeoutMs: 500,
    });
    await account.login('test-token');
    queue = new WriteBackQueue(db, account, new WriteBackAnswers(db, new CollectionStore(db)));
  });
  afterEach(async () => {
    db.close();
    await api.close();
  });

  it('applies every kind of edit in order', async () => {
    queue.enqueue({ type: 'rate', release_id: 1000, instance_id: first, folder_id: 1, rating: 5 });
    queue.enqueue({
      type: 'set_field',
      release_id: 1000,
      instance_id: first,
      folder_id: 1,
      field_id: 3,
      value: 'signed copy',
    });
    queue.enqueue({
      type: 'set_field',
      release_id: 1000,
      instance_id: first,
      folder_id: 1,
      field_id: 1,
      value: 'Mint (M)',
    });
    queue.enqueue({
      type: 'move',
      release_id: 1001,
      instance_id: first + 1,
      folder_id: 101,
      to_folder_id: 102,
    });
    queue.enqueue({ type: 'remove', release_id: 1002, instance_id: first + 2, folder_id: 102 });
    queue.enqueue({ type: 'add', release_id: 4242, folder_id: 1 });
    queue.enqueue({ type: 'create_folder', name: 'Wanted live albums' });
    queue.enqueue({ type: 'rename_folder', folder_id: 102, name: 'Jazz & Soul' });
    queue.enqueue({ type: 'want', release_id: 777 });
    queue.enqueue({ type: 'unwant', release_id: 90_000 });
    expect(await queue.drain()).toEqual({ applied: 10, dropped: 0, waiting: 0, stoppedBy: null });

    const c = api.collection;
    expect(c.instances.find((i) => i.instance_id === first)).toMatchObject({
      rating: 5,
      notes: [
        { field_id: 3, value: 'signed copy' },
        { field_id: 1, value: 'Mint (M)' },
      ],
    });
    expect(c.instances.find((i) => i.instance_id === first + 1)?.folder_id).toBe(102);
    expect(c.instances.some((i) => i.instance_id === first + 2)).toBe(false);
    expect(c.instances.some((i) => i.id === 4242)).toBe(true);
    expect(c.folders.map((f) => f.name)).toEqual([
      'Uncategorized',
      'Techno',
      'Jazz & Soul',
      'Wanted live albums',
    ]);
    expect(c.wants.map((w) => w.id)).toEqual([777]);
    expect(
      api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.status}`),
    ).toEqual([
      'POST 204',
      'POST 204',
      'POST 204',
      'POST 204',
      'DELETE 204',
      'POST 201',
      'POST 201',
      'POST 200',
      'PUT 201',
      'DELETE 204',
    ]);
    expect(queue.list('done')).toHaveLength(10);
  });

  it('drops an edit Discogs refuses (422 for a dropdown value outside its options), with the reason, and goes on', async () => {
    queue.enqueue({
      type: 'set_field',
      release_id: 1000,
      instance_id: first,
      folder_id: 1,
      field_id: 1,
      value: 'Slightly scratched',
    });
    queue.enqueue({ type: 'rate', release_id: 1000, instance_id: first, folder_id: 1, rating: 4 });
    expect(await queue.drain()).toMatchObject({ applied: 1, dropped: 1, waiting: 0 });
    const [dropped] = queue.list('dropped');
    expect(dropped).toMatchObject({
      edit: { value: 'Slightly scratched' },
      attempts: 1,
      reason:
        'Discogs refused POST /users/collector/collection/folders/1/releases/1000/instances/5000000/fields/1: HTTP 422 (See "detail" for validation errors.)',
    });
  });

  it('keeps edits waiting, in order, while Discogs cannot be reached, and applies them later', async () => {
    queue.enqueue({ type: 'rate', release_id: 1000, instance_id: first, folder_id: 1, rating: 3 });
    queue.enqueue({ type: 'want', release_id: 778 });
    api.faults.serverErrors = 5;
    const offline = await queue.drain();
    expect(offline).toMatchObject({
      applied: 0,
      dropped: 0,
      waiting: 2,
      stoppedBy: expect.stringContaining('HTTP 502'),
    });
    expect(queue.list('pending').map((q) => q.edit.type)).toEqual(['want', 'rate']);
    expect(await queue.drain()).toMatchObject({ applied: 2, waiting: 0 });
  }, 30_000);

  it('refuses an edit that is not one, naming the field', () => {
    expect(() =>
      queue.enqueue({
        type: 'rate',
        release_id: 1,
        instance_id: 2,
        folder_id: 1,
        rating: 9,
      } as never),
    ).toThrow(/rating/);
  });
});

describe('write-back in the running hub', () => {
  it('drains on its own and lists pending and dropped edits for the admin page', async () => {
    const api = await startFakeDiscogsApi({ collection: makeCollection(1, 0) });
    const data = tempDir();
    const db = openHubDatabase(join(data, 'catalog.sqlite'));
    try {
      const state = await openState(join(data, 'state.json'));
      const account = new DiscogsAccount(state, new TokenVault(data), {
        baseUrl: api.url,
        userAgent: 'VinylVault/test',
        limiter: new RateLimiter(),
      });
      await account.login('test-token');
      const queue = new WriteBackQueue(
        db,
        account,
        new WriteBackAnswers(db, new CollectionStore(db)),
      );
      queue.enqueue({
        type: 'rate',
        release_id: 1000,
        instance_id: 5_000_000,
        folder_id: 1,
        rating: 2,
      });
      queue.enqueue({
        type: 'set_field',
        release_id: 1000,
        instance_id: 5_000_000,
        folder_id: 1,
        field_id: 1,
        value: 'Worn',
      });
      const drainer = new WriteBackDrainer(queue, createLogger('silent'));
      drainer.start(50);
      await expect.poll(() => queue.list('pending').length, { timeout: 5000 }).toBe(0);
      await drainer.stop();
      expect(api.collection.instances[0]!.rating).toBe(2);
      expect(queue.list('dropped').map((q) => q.edit.type)).toEqual(['set_field']);
    } finally {
      db.close();
      await api.close();
    }
  });
});
