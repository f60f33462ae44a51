// The PWA's data layer (web/src/data) against an in-process hub: outbox across reloads, edits
// made while a pull is under way, resets, refusals, revoked tokens, progress.
import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Progress } from '../../shared/progress.ts';
import { VaultDb } from '../../web/src/data/db.ts';
import { SyncEngine } from '../../web/src/data/sync-engine.ts';
import { SimulatedDevice, SimulatedHub } from '../helpers/simulated-sync.ts';
import { seedCollection, testInstance } from '../helpers/sync-hub.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('device sync engine', () => {
  let sim: SimulatedHub;
  let phone: SimulatedDevice;
  beforeEach(async () => {
    sim = await new SimulatedHub(tempDir()).open();
    seedCollection(sim.hub);
    phone = new SimulatedDevice('phone', sim);
    await sim.pair(phone);
  });
  afterEach(() => sim.hub.close());

  it('pulls the collection in pages with progress, then only what changed', async () => {
    sim.hub.collection.putInstances(Array.from({ length: 2500 }, (_, i) => testInstance(100 + i)));
    const progress: Progress[] = [];
    phone.engine.onStatus((s) => s.progress && progress.push(s.progress));
    await phone.engine.sync();
    expect(await phone.engine.db.instances.count()).toBe(2503);
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [1000, 2508],
      [2000, 2508],
      [2508, 2508],
    ]);
    expect(phone.engine.status).toMatchObject({
      state: 'idle',
      lastError: null,
      lastSyncAt: expect.any(String),
    });

    sim.hub.push.push({ id: 'laptop', name: 'Laptop' }, [
      {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'rate',
        instance_id: 2,
        rating: 4,
      },
    ]);
    progress.length = 0;
    await phone.engine.sync();
    expect(progress.map((p) => [p.done, p.total])).toEqual([[1, 1]]);
    expect((await phone.engine.db.instances.get(2))?.rating).toBe(4);
  });

  it('keeps edits made offline in the outbox across a reload, and sends them when back online', async () => {
    await phone.engine.sync();
    phone.online = false;
    await phone.engine.edit({ type: 'rate', instance_id: 1, rating: 5 });
    await phone.engine.edit({ type: 'play', instance_id: 1, played_at: '2026-11-21' });
    await phone.engine.sync();
    expect(phone.engine.status).toMatchObject({
      state: 'offline',
      lastError: expect.stringMatching(/^the hub at http:\/\/hub.test cannot be reached/),
    });
    expect((await phone.engine.db.instances.get(1))?.rating).toBe(5);

    // The app is closed and opened again: a new database object over the same IndexedDB.
    phone.engine.db.close();
    const reopened = new SyncEngine(new VaultDb('phone', { indexedDB: phone.idb, IDBKeyRange }), {
      fetch: async (u, i) => sim.fetch(u, i),
    });
    expect(await reopened.db.outbox.count()).toBe(2);
    expect((await reopened.db.instances.get(1))?.rating).toBe(5);
    await reopened.sync();
    expect(await reopened.db.outbox.count()).toBe(0);
    expect(sim.hub.collection.instance(1)?.rating).toBe(5);
    expect(sim.hub.plays.forInstance(1)).toHaveLength(1);
  });

  it('keeps an edit made while a pull is under way visible, and sends it next', async () => {
    await phone.engine.sync();
    sim.hub.push.push({ id: 'laptop', name: 'Laptop' }, [
      {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'rate',
        instance_id: 1,
        rating: 2,
      },
    ]);
    // The person rates the record while the pull request is on its way: the pulled page carries
    // the laptop's rating, the phone's newer edit must stay on top of it.
    phone.beforeRequest = async (url) => {
      if (!url.includes('/api/sync/pull')) return;
      phone.beforeRequest = async () => {};
      await phone.engine.edit({ type: 'rate', instance_id: 1, rating: 5 });
    };
    // What the person sees the moment the pulled page is written (the engine syncs again after).
    const seen: Array<Promise<number | undefined>> = [];
    phone.engine.onStatus(
      (s) => s.progress && seen.push(phone.engine.db.instances.get(1).then((i) => i?.rating)),
    );
    await phone.engine.sync();
    expect(await Promise.all(seen)).toEqual([5, 5]);
    expect(await phone.engine.db.outbox.count()).toBe(0);
    expect(sim.hub.collection.instance(1)?.rating).toBe(5);
  });

  it('pulls on a nudge only when the hub has more than the device', async () => {
    const pulls: string[] = [];
    phone.beforeRequest = async (url) => void (url.includes('/api/sync/pull') && pulls.push(url));
    await phone.engine.sync();
    const { epoch, cursor } = (await phone.engine.db.getMeta('cursor'))!;
    pulls.length = 0;
    await phone.engine.nudge({ epoch, cursor }); // nothing new: no request
    expect(pulls).toEqual([]);
    sim.hub.push.push({ id: 'laptop', name: 'Laptop' }, [
      {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'rate',
        instance_id: 3,
        rating: 2,
      },
    ]);
    await phone.engine.nudge({ epoch, cursor: sim.hub.log.cursor });
    expect(pulls).toHaveLength(1);
    expect((await phone.engine.db.instances.get(3))?.rating).toBe(2);
    // A nudge that arrives while a pull is under way, for what that pull brings: no second pull.
    sim.hub.push.push({ id: 'laptop', name: 'Laptop' }, [
      {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'rate',
        instance_id: 3,
        rating: 4,
      },
    ]);
    pulls.length = 0;
    const running = phone.engine.sync();
    await phone.engine.nudge({ epoch, cursor: sim.hub.log.cursor });
    await running;
    expect(pulls).toHaveLength(1);
  });

  it('starts over on a reset without losing the outbox', async () => {
    await phone.engine.sync();
    phone.online = false;
    await phone.engine.edit({ type: 'set_field', instance_id: 2, field_id: 3, value: 'kept' });
    // The hub was rebuilt: a new epoch, and instance 3 is gone.
    sim.hub.db.prepare("UPDATE sync_meta SET value = 'new-epoch' WHERE key = 'epoch'").run();
    sim.hub.collection.removeInstancesExcept(new Set([1, 2]));
    await phone.engine.db.instances.put(testInstance(99)); // something only the old hub had
    phone.online = true;
    await phone.engine.sync();
    expect((await phone.engine.db.instances.toArray()).map((i) => i.instance_id)).toEqual([1, 2]);
    expect(await phone.engine.db.getMeta('cursor')).toEqual({
      epoch: 'new-epoch',
      cursor: sim.hub.log.cursor,
    });
    expect(sim.hub.collection.instance(2)?.notes).toEqual({ '3': 'kept' });
  });

  it('undoes a refused edit on the device and keeps the reason to show', async () => {
    await phone.engine.sync();
    await phone.engine.edit({ type: 'set_field', instance_id: 1, field_id: 1, value: 'Chewed' });
    await phone.engine.sync();
    expect((await phone.engine.db.instances.get(1))?.notes).toEqual({});
    expect(await phone.engine.db.getMeta('rejections')).toMatchObject([
      {
        reason: '"Chewed" is not one of the options of the field "Media Condition"',
        mutation: { type: 'set_field', value: 'Chewed' },
      },
    ]);
  });

  it('asks to pair again when the hub revokes the device, keeping its edits', async () => {
    await phone.engine.sync();
    const { deviceId } = (await phone.engine.pairing())!;
    await sim.auth.revoke(deviceId);
    await phone.engine.edit({ type: 'rate', instance_id: 1, rating: 1 });
    await phone.engine.sync();
    expect(phone.engine.status).toMatchObject({
      state: 'unpaired',
      lastError: expect.stringContaining('pair it again'),
    });
    await sim.pair(phone);
    await phone.engine.sync();
    expect(phone.engine.status.state).toBe('idle');
    expect(sim.hub.collection.instance(1)?.rating).toBe(1);
  });
});
