import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Instance } from '../../shared/collection.ts';
import type { PullResponse } from '../../shared/sync.ts';
import { CollectionStore } from '../../hub/db/collection-store.ts';
import { openHubDatabase, type Database } from '../../hub/db/open.ts';
import { ChangeLog } from '../../hub/device-sync/change-log.ts';
import { makeCollection, startFakeDiscogsApi } from '../fakes/discogs-api.ts';
import { adminCookie } from '../helpers/auth.ts';
import { runCli } from '../helpers/cli.ts';
import { test } from '../helpers/hub-fixture.ts';
import { sseEvents } from '../helpers/sse.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { syncAccountFully } from '../helpers/account-sync.ts';

const instance = (n: number, rating = 0): Instance => ({
  instance_id: n,
  release_id: 1000 + n,
  folder_id: 1,
  rating,
  date_added: '2026-01-01',
  notes: {},
  basic: { title: `R${n}` },
});
const changes = (r: PullResponse) => (r.reset ? [] : r.changes);

describe('change log', () => {
  let db: Database;
  let log: ChangeLog;
  let store: CollectionStore;
  beforeEach(() => {
    db = openHubDatabase(join(tempDir(), 'catalog.sqlite'));
    log = new ChangeLog(db);
    store = new CollectionStore(db, log);
  });
  afterEach(() => db.close());

  it('records every collection change with strictly increasing seq, keeping only the latest per entity', () => {
    store.replaceFolders([
      { id: 0, name: 'All', count: 2 },
      { id: 1, name: 'Uncategorized', count: 2 },
    ]);
    store.putInstances([instance(1), instance(2)]);
    const first = log.pull(0, undefined);
    expect(changes(first).map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual([
      'folder/0/put',
      'folder/1/put',
      'instance/1/put',
      'instance/2/put',
    ]);
    expect(changes(first).map((c) => c.seq)).toEqual([1, 2, 3, 4]);

    store.putInstances([instance(1, 5), instance(2)]); // only instance 1 changed
    store.removeInstancesExcept(new Set([1]));
    store.replaceFolders([{ id: 0, name: 'All', count: 1 }]);
    const next = log.pull(first.reset ? 0 : first.cursor, log.epoch);
    expect(changes(next).map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual([
      'instance/1/put',
      'instance/2/del',
      'folder/0/put',
      'folder/1/del',
    ]);
    expect(
      changes(next).find((c) => c.entity === 'instance' && c.op === 'put')?.value,
    ).toMatchObject({ instance_id: 1, rating: 5 });
    // Compacted: one row per entity, whatever its history.
    expect(changes(log.pull(0, undefined)).map((c) => `${c.entity}/${c.id}`)).toEqual([
      'instance/1',
      'instance/2',
      'folder/0',
      'folder/1',
    ]);
  });

  it('pages by count and by bytes, always moving forward', () => {
    store.putInstances(Array.from({ length: 30 }, (_, i) => instance(i + 1)));
    const page = log.pull(0, undefined, 10);
    expect(page).toMatchObject({ reset: false, hasMore: true, cursor: 10 });
    const small = log.pull(0, undefined, 500, 300);
    expect(changes(small).length).toBeGreaterThanOrEqual(1);
    expect(changes(small).length).toBeLessThan(5);
    const rest = log.pull(10, log.epoch, 500);
    expect(rest).toMatchObject({ hasMore: false, cursor: 30 });
    expect(log.pull(30, log.epoch)).toMatchObject({
      reset: false,
      changes: [],
      cursor: 30,
      hasMore: false,
    });
  });

  it('tells a device to start over for another epoch, a cursor older than the purged tombstones, or one past the end of the log', () => {
    store.putInstances([instance(1), instance(2), instance(3)]);
    store.removeInstancesExcept(new Set([3]));
    expect(log.pull(0, 'some-other-hub')).toEqual({ reset: true, epoch: log.epoch });
    // A cursor the hub never reached: its file was restored from an older copy.
    expect(log.pull(log.cursor + 1, log.epoch)).toEqual({ reset: true, epoch: log.epoch });
    expect(log.purgeTombstones(new Date(Date.now() + 91 * 86_400_000))).toBe(2);
    expect(log.pull(2, log.epoch)).toEqual({ reset: true, epoch: log.epoch });
    // From 0 a device simply gets the current state.
    expect(changes(log.pull(0, log.epoch)).map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual([
      'instance/3/put',
    ]);
    // Caught up, a device's cursor is the log's end even when purged tombstones held the newest seqs
    // (else it would never agree with the hub's nudges and pull again and again).
    store.removeInstancesExcept(new Set());
    log.purgeTombstones(new Date(Date.now() + 91 * 86_400_000));
    expect(log.cursor).toBe(6);
    expect(log.pull(0, log.epoch)).toMatchObject({
      reset: false,
      changes: [],
      cursor: 6,
      hasMore: false,
    });
  });
});

describe('GET /api/sync/pull in the running hub', () => {
  test('serves a paired device the synced collection', async ({ hubs, onTestFinished }) => {
    // Small enough that enrichment (one request per release) stays inside one minute's budget.
    const api = await startFakeDiscogsApi({ collection: makeCollection(12, 3) });
    onTestFinished(() => api.close());
    const env = { VINYLVAULT_DATA_DIR: hubs.dir(), DISCOGS_API_URL: api.url };
    await runCli(['login', '--token', 'test-token'], env);
    const hub = await hubs.open(env);
    const cookie = await adminCookie(hub.url, hub.dataDir);
    const { code } = (await (
      await fetch(`${hub.url}/api/admin/pairing`, { method: 'POST', headers: { cookie } })
    ).json()) as { code: string };
    const { token, deviceId } = (await (
      await fetch(`${hub.url}/api/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'phone' }),
      })
    ).json()) as { token: string; deviceId: string };
    const pull = async (since: number) =>
      (await (
        await fetch(`${hub.url}/api/sync/pull?since=${since}&limit=5`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as PullResponse;

    expect(await pull(0)).toMatchObject({ reset: false, cursor: 0, changes: [] });
    await syncAccountFully(hub, 20_000);

    const seen: string[] = [];
    let since = 0;
    for (let more = true; more;) {
      const page = await pull(since);
      if (page.reset) throw new Error('unexpected reset');
      seen.push(...page.changes.map((c) => c.entity));
      since = page.cursor;
      more = page.hasMore;
    }
    const count = (e: string) => seen.filter((x) => x === e).length;
    // Every collected and wanted release comes with its full document; the settings are the
    // collection's value and its history.
    expect([
      count('folder'),
      count('field'),
      count('instance'),
      count('want'),
      count('release'),
      count('setting'),
    ]).toEqual([4, 2, 12, 3, 15, 2]);
    expect((await fetch(`${hub.url}/api/sync/pull`)).status).toBe(401);
    // Gzipped for a client that accepts it (fetch does, and decompresses).
    const zipped = await fetch(`${hub.url}/api/sync/pull?since=0`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    expect([zipped.headers.get('content-encoding'), zipped.headers.get('cache-control')]).toEqual([
      'gzip',
      'no-store',
    ]);
    expect(((await zipped.json()) as { changes: unknown[] }).changes.length).toBe(38);

    // An open page hears at once that the log grew, with the cursor to pull to.
    const events = await fetch(`${hub.url}/api/sync/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const stream = sseEvents(events);
    const nextCursor = async () => {
      for (;;) {
        const { value } = await stream.next();
        if (value!.event === 'cursor') return (value!.data as { cursor: number }).cursor;
      }
    };
    expect(await nextCursor()).toBe(since);

    const push = (body: unknown) =>
      fetch(`${hub.url}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const rate = {
      id: '7a0e3c43-7c36-4a39-9d6b-7d3c2c0d6a11',
      at: '2026-11-21T10:00:00Z',
      type: 'rate',
      instance_id: 5_000_001,
      rating: 5,
    };
    const { epoch } = (await pull(0)) as { epoch: string };
    // Sent under another hub epoch (this hub was restored since): nothing applies.
    const stale = await push({ deviceId, mutations: [rate], epoch: 'before-the-restore' });
    expect(await stale.json()).toEqual({ results: [], cursor: since, epoch });
    const pushed = await push({ deviceId: deviceId, mutations: [rate], epoch });
    expect(await pushed.json()).toEqual({
      results: [{ id: rate.id, status: 'applied' }],
      cursor: since + 1,
      epoch,
    });
    expect(await nextCursor()).toBe(since + 1);
    await stream.return(undefined);
    const latest = await pull(since);
    expect(latest.reset ? [] : latest.changes).toMatchObject([
      { entity: 'instance', id: '5000001', op: 'put', value: { rating: 5 } },
    ]);

    // A device pushes only as itself; a malformed body is refused whole, naming the field.
    expect((await push({ deviceId: 'someone-else', mutations: [] })).status).toBe(403);
    const bad = await push({ deviceId: deviceId, mutations: 'all of them' });
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'mutations: Invalid input: expected array, received string' },
    ]);
  });
});
