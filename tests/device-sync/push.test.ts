import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync.ts';
import type { Mutation, MutationDraft } from '../../shared/mutations.ts';
import { ingestFile } from '../../hub/dumps/ingest/ingest-file.ts';
import { openSyncHub, seedCollection, testInstance, type SyncHub } from '../helpers/sync-hub.ts';
import { releasesDump } from '../helpers/release-dump.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const at = '2026-11-21T10:00:00Z';
const phone = { id: 'phone', name: 'Phone' };
const laptop = { id: 'laptop', name: 'Laptop' };
const m = (x: MutationDraft) => ({ id: randomUUID(), at, ...x }) as Mutation;

describe('push: mutations from devices', () => {
  let dir: string;
  let hub: SyncHub;
  beforeEach(async () => {
    dir = tempDir();
    hub = await openSyncHub(dir);
    seedCollection(hub);
  });
  afterEach(() => hub.close());
  const since = () => hub.log.cursor;
  const changesAfter = (seq: number): Change[] => {
    const r = hub.log.pull(seq, hub.log.epoch);
    return r.reset ? [] : r.changes;
  };

  it('applies each kind of edit to the hub, logs it for devices and queues it for Discogs', () => {
    const before = since();
    const play = m({ type: 'play', instance_id: 2, played_at: '2026-11-20' });
    const reply = hub.push.push(phone, [
      m({ type: 'rate', instance_id: 1, rating: 4 }),
      m({ type: 'set_field', instance_id: 1, field_id: 1, value: 'Mint (M)' }),
      m({ type: 'set_field', instance_id: 1, field_id: 3, value: 'signed sleeve' }),
      m({ type: 'move', instance_id: 2, folder_id: 101 }),
      m({ type: 'remove', instance_id: 3 }),
      play,
    ]);
    expect(reply.results.map((r) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(reply.cursor).toBe(since());

    expect(hub.collection.instance(1)).toMatchObject({
      rating: 4,
      notes: { '1': 'Mint (M)', '3': 'signed sleeve' },
    });
    expect(hub.collection.instance(2)?.folder_id).toBe(101);
    expect(hub.collection.instance(3)).toBeUndefined();
    // Folder counts follow as on Discogs: 2 left Uncategorized for Techno, 3 left Techno and All.
    expect([0, 1, 101].map((id) => hub.collection.folder(id)?.count)).toEqual([2, 1, 1]);
    expect(hub.plays.forInstance(2)).toEqual([
      {
        id: play.id,
        instance_id: 2,
        release_id: 1002,
        played_at: '2026-11-20',
        device_id: 'phone',
        device_name: 'Phone',
      },
    ]);

    // Compacted: folder 101 changed twice and appears once, at its latest change.
    expect(changesAfter(before).map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual([
      'instance/1/put',
      'instance/2/put',
      'folder/1/put',
      'instance/3/del',
      'folder/101/put',
      'folder/0/put',
      `play/${play.id}/put`,
    ]);
    // Each write-back edit names the folder the instance was in when it was made.
    expect(hub.queued()).toEqual([
      { type: 'rate', release_id: 1001, instance_id: 1, folder_id: 1, rating: 4 },
      {
        type: 'set_field',
        release_id: 1001,
        instance_id: 1,
        folder_id: 1,
        field_id: 1,
        value: 'Mint (M)',
      },
      {
        type: 'set_field',
        release_id: 1001,
        instance_id: 1,
        folder_id: 1,
        field_id: 3,
        value: 'signed sleeve',
      },
      { type: 'move', release_id: 1002, instance_id: 2, folder_id: 1, to_folder_id: 101 },
      { type: 'remove', release_id: 1003, instance_id: 3, folder_id: 101 },
    ]);

    expect(hub.push.push(phone, [m({ type: 'unplay', play_id: play.id })]).results[0]?.status).toBe(
      'applied',
    );
    expect(hub.plays.forInstance(2)).toEqual([]);
  });

  it('answers a resent mutation "duplicate" and applies it only once, across devices and restarts', async () => {
    const rate = m({ type: 'rate', instance_id: 1, rating: 5 });
    hub.push.push(phone, [rate]);
    const cursor = since();
    await hub.close();
    hub = await openSyncHub(dir);
    // The same phone after its reply was lost, and again after re-pairing under a new id.
    expect(hub.push.push(phone, [rate]).results).toEqual([{ id: rate.id, status: 'duplicate' }]);
    expect(hub.push.push({ id: 'phone-again', name: 'Phone' }, [rate]).results).toEqual([
      { id: rate.id, status: 'duplicate' },
    ]);
    expect(since()).toBe(cursor);
    expect(hub.queued()).toHaveLength(1);
  });

  it('lets the last edit to reach the hub win per field, keeping edits to other fields', () => {
    hub.push.push(laptop, [
      m({ type: 'rate', instance_id: 1, rating: 2 }),
      m({ type: 'set_field', instance_id: 1, field_id: 3, value: 'laptop note' }),
    ]);
    // The phone's edit was made earlier, offline, but reaches the hub later: it wins its field.
    hub.push.push(phone, [
      { ...m({ type: 'rate', instance_id: 1, rating: 5 }), at: '2026-11-01T00:00:00Z' },
    ]);
    expect(hub.collection.instance(1)).toMatchObject({ rating: 5, notes: { '3': 'laptop note' } });
  });

  it('rejects what it cannot apply with a reason, and re-announces the entity so the device restores it', () => {
    hub.push.push(laptop, [m({ type: 'remove', instance_id: 3 })]);
    const before = since();
    const results = hub.push.push(phone, [
      m({ type: 'rate', instance_id: 3, rating: 1 }),
      m({ type: 'set_field', instance_id: 1, field_id: 1, value: 'Chewed' }),
      m({ type: 'set_field', instance_id: 1, field_id: 9, value: 'x' }),
      m({ type: 'move', instance_id: 1, folder_id: 0 }),
      m({ type: 'move', instance_id: 1, folder_id: 555 }),
      m({ type: 'unplay', play_id: randomUUID() }),
      { id: 'not-a-uuid', at, type: 'rate', instance_id: 1, rating: 3 },
      { type: 'rate', instance_id: 1, rating: 9 },
      'nonsense',
    ]).results;
    expect(results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
      'instance 3 is not in the collection (removed on Discogs or on another device)',
      '"Chewed" is not one of the options of the field "Media Condition"',
      'notes field 9 does not exist',
      'folder_id: Too small: expected number to be >0',
      'folder 555 does not exist',
      expect.stringMatching(/^play .* is not logged on the hub$/),
      'id: Invalid UUID',
      'id: Invalid input: expected string, received undefined',
      'mutation: Invalid input: expected object, received string',
    ]);
    expect(results[6]?.id).toBe('not-a-uuid');
    expect(results[7]?.id).toBeNull();
    expect(hub.collection.instance(1)).toMatchObject({ rating: 0, folder_id: 1, notes: {} });
    expect(changesAfter(before).map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual(
      expect.arrayContaining(['instance/3/del', 'instance/1/put']),
    );
    expect(hub.queued()).toHaveLength(1); // only the laptop's removal
  });

  it('keeps the hub version of an instance whose edits have not reached Discogs when a listing comes in', () => {
    hub.push.push(phone, [m({ type: 'rate', instance_id: 1, rating: 5 })]);
    // An account sync lists the collection as Discogs still has it.
    hub.collection.putInstances([testInstance(1), { ...testInstance(2), rating: 3 }]);
    expect(hub.collection.instance(1)?.rating).toBe(5);
    expect(hub.collection.instance(2)?.rating).toBe(3);
  });

  it('puts the documents of collected releases in the feed, and takes them out again', async () => {
    await ingestFile(releasesDump(dir, [1001, 1002, 1003, 4242]), {
      db: hub.db,
      dbPath: join(dir, 'catalog.sqlite'),
      workers: 1,
    });
    const before = since();
    expect(hub.releases.refresh()).toBe(3);
    const docs = changesAfter(before);
    expect(docs.map((c) => `${c.entity}/${c.id}/${c.op}`)).toEqual([
      'release/1001/put',
      'release/1002/put',
      'release/1003/put',
    ]);
    expect(docs[0]?.value).toMatchObject({ id: 1001, title: 'Catalog 1001' });
    expect(hub.releases.refresh()).toBe(0);

    hub.push.push(phone, [m({ type: 'remove', instance_id: 3 })]); // a removal refreshes the release documents in the feed
    expect(changesAfter(before).map((c) => `${c.entity}/${c.id}/${c.op}`)).toContain(
      'release/1003/del',
    );
  });
});
