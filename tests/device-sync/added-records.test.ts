// Records added and wants made on a device: applied on the hub at once under a provisional
// instance id, written back to a fake Discogs, and moved to the instance id Discogs answers.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation, MutationDraft } from '../../shared/mutations.ts';
import type { Change } from '../../shared/sync.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { openSyncHub, seedCollection, type SyncHub } from '../helpers/sync-hub.ts';
import { releasesDump } from '../helpers/release-dump.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const phone = { id: 'phone', name: 'Phone' };
const m = (x: MutationDraft) =>
  ({ id: randomUUID(), at: new Date().toISOString(), ...x }) as Mutation;
const statuses = (r: { results: Array<{ status: string }> }) => r.results.map((x) => x.status);

describe('records added and wanted on devices', () => {
  let dir: string;
  let hub: SyncHub;
  let api: FakeDiscogsApi;
  beforeEach(async () => {
    api = await startFakeDiscogsApi({ collection: makeCollection(0, 0), limit: 10_000 });
    dir = tempDir();
    hub = await openSyncHub(dir, { discogsApiUrl: api.url });
    seedCollection(hub);
    await hub.discogs.login('test-token');
    await ingestFile(releasesDump(dir, [4242, 4243]), {
      db: hub.db,
      dbPath: join(dir, 'catalog.sqlite'),
      workers: 1,
    });
  });
  afterEach(async () => {
    await hub.close();
    await api.close();
  });
  const changesAfter = (seq: number): string[] => {
    const r = hub.log.pull(seq, hub.log.epoch);
    return r.reset ? [] : r.changes.map((c: Change) => `${c.entity}/${c.id}/${c.op}`);
  };

  it('adds a record under its provisional id, then moves it and its edits to the id Discogs gives it', async () => {
    const before = hub.log.cursor;
    const add = m({ type: 'add', instance_id: -7, release_id: 4242, folder_id: 101 });
    const rate = m({ type: 'rate', instance_id: -7, rating: 4 });
    const play = m({ type: 'play', instance_id: -7, played_at: '2026-12-01' });
    expect(statuses(hub.push.push(phone, [add, rate, play]))).toEqual([
      'applied',
      'applied',
      'applied',
    ]);

    // On the hub at once, described from the catalog, counted in its folder and in All.
    expect(hub.collection.instance(-7)).toMatchObject({
      release_id: 4242,
      folder_id: 101,
      rating: 4,
      date_added: add.at,
      basic: { id: 4242, title: 'Catalog 4242' },
    });
    expect([0, 101].map((id) => hub.collection.folder(id)?.count)).toEqual([4, 2]);
    // Devices get the record and the release's full document.
    expect(changesAfter(before)).toEqual(
      expect.arrayContaining(['instance/-7/put', 'release/4242/put', 'folder/101/put']),
    );

    const mid = hub.log.cursor;
    expect(await hub.sendToDiscogs()).toMatchObject({ applied: 2, dropped: 0, waiting: 0 });
    const onDiscogs = api.collection.instances.find((i) => i.id === 4242);
    expect(onDiscogs).toMatchObject({ folder_id: 101, rating: 4 });
    const real = onDiscogs!.instance_id;
    expect(hub.collection.instance(-7)).toBeUndefined();
    expect(hub.collection.instance(real)).toMatchObject({ release_id: 4242, rating: 4 });
    expect(hub.plays.forInstance(real)).toHaveLength(1);
    expect(changesAfter(mid)).toEqual([
      'instance/-7/del',
      `instance/${real}/put`,
      `play/${play.id}/put`,
    ]);

    // An edit a device made offline, before it heard of Discogs' id, reaches the same record.
    const late = m({
      type: 'set_field',
      instance_id: -7,
      field_id: 3,
      value: 'bought at the fair',
    });
    expect(statuses(hub.push.push(phone, [late]))).toEqual(['applied']);
    expect(hub.collection.instance(real)?.notes).toEqual({ '3': 'bought at the fair' });
    await hub.sendToDiscogs();
    expect(onDiscogs!.notes).toEqual([{ field_id: 3, value: 'bought at the fair' }]);

    // The add resent (its reply was lost) is not applied again, and the device is told to drop
    // the copy it re-applied under the provisional id.
    const resent = hub.log.cursor;
    expect(statuses(hub.push.push(phone, [add]))).toEqual(['duplicate']);
    expect(changesAfter(resent)).toEqual(['instance/-7/del', `instance/${real}/put`]);
    expect(api.collection.instances.filter((i) => i.id === 4242)).toHaveLength(1);
  });

  it('keeps added records and wants through an account sync that lists Discogs without them', async () => {
    hub.push.push(phone, [
      m({ type: 'add', instance_id: -8, release_id: 4242, folder_id: 1 }),
      m({ type: 'want', release_id: 4243 }),
    ]);
    // A full listing from before the edits reached Discogs: they stay.
    expect(hub.collection.removeInstancesExcept(new Set([1, 2, 3]))).toBe(0);
    expect(hub.collection.removeWantsExcept(new Set())).toBe(0);
    expect(hub.collection.instance(-8)).toBeDefined();
    expect(hub.collection.want(4243)).toBeDefined();

    // One that began before they were written back does not take them away either.
    const listingBegan = new Date(Date.now() - 1000).toISOString();
    await hub.sendToDiscogs();
    const real = api.collection.instances.find((i) => i.id === 4242)!.instance_id;
    expect(hub.collection.removeInstancesExcept(new Set([1, 2, 3]), listingBegan)).toBe(0);
    expect(hub.collection.removeWantsExcept(new Set(), listingBegan)).toBe(0);
    expect(hub.collection.instance(real)).toBeDefined();
    // A listing that began afterwards is the truth again.
    const later = new Date(Date.now() + 1000).toISOString();
    expect(hub.collection.removeWantsExcept(new Set(), later)).toBe(1);
  });

  it('drops a record Discogs refuses, with its pending edits, saying why', async () => {
    // A folder deleted on discogs.com since the hub's last account sync.
    hub.collection.replaceFolders([
      ...['All', 'Uncategorized', 'Techno'].map((name, i) => ({
        id: [0, 1, 101][i]!,
        name,
        count: 0,
      })),
      { id: 555, name: 'Gone', count: 0 },
    ]);
    hub.push.push(phone, [
      m({ type: 'add', instance_id: -9, release_id: 4242, folder_id: 555 }),
      m({ type: 'rate', instance_id: -9, rating: 2 }),
    ]);
    const before = hub.log.cursor;
    expect(await hub.sendToDiscogs()).toMatchObject({ applied: 0, dropped: 1, waiting: 0 });
    expect(hub.collection.instance(-9)).toBeUndefined();
    expect(changesAfter(before)).toContain('instance/-9/del');
    expect(hub.writeback.list('dropped').map((q) => [q.edit.type, q.reason])).toEqual([
      ['rate', expect.stringMatching(/release 4242 was not added on Discogs: .*Folder not found/)],
      ['add', expect.stringMatching(/Folder not found/)],
    ]);
  });

  it('wants and unwants a release on the hub and on Discogs, each once', async () => {
    const want = m({ type: 'want', release_id: 4243 });
    expect(statuses(hub.push.push(phone, [want, m({ type: 'want', release_id: 4243 })]))).toEqual([
      'applied',
      'applied',
    ]);
    expect(hub.collection.want(4243)).toMatchObject({
      date_added: want.at,
      basic: { title: 'Catalog 4243' },
    });
    // The second want changed nothing, so nothing more goes to Discogs.
    expect(hub.queued()).toEqual([{ type: 'want', release_id: 4243 }]);
    await hub.sendToDiscogs();
    expect(api.collection.wants.map((w) => w.id)).toEqual([4243]);

    hub.push.push(phone, [
      m({ type: 'unwant', release_id: 4243 }),
      m({ type: 'unwant', release_id: 99 }),
    ]);
    expect(hub.collection.want(4243)).toBeUndefined();
    await hub.sendToDiscogs();
    expect(api.collection.wants).toEqual([]);
  });

  it('refuses an add to a folder the hub does not know, or under an id already taken', () => {
    const r = hub.push.push(phone, [
      m({ type: 'add', instance_id: -3, release_id: 4242, folder_id: 777 }),
      m({ type: 'add', instance_id: -4, release_id: 4242, folder_id: 1 }),
      m({ type: 'add', instance_id: -4, release_id: 4243, folder_id: 1 }),
      { ...m({ type: 'add', instance_id: -4, release_id: 4243, folder_id: 1 }), instance_id: 5 },
    ]);
    expect(r.results.map((x) => (x.status === 'rejected' ? x.reason : x.status))).toEqual([
      'folder 777 does not exist',
      'applied',
      'instance id -4 is already taken; add the record again',
      expect.stringMatching(/^instance_id: /),
    ]);
  });
});
