// A hub restored from a backup taken during a burst of pushes: nothing acknowledged before the
// backup is lost, nothing applies twice, and devices re-send what the restored hub lacks.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreBackup } from '../../hub/backup/restore-backup.ts';
import type { MutationDraft } from '../../shared/mutations.ts';
import { SimulatedDevice, SimulatedHub } from '../helpers/simulated-sync.ts';
import { seedCollection } from '../helpers/sync-hub.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const play = (n: number): MutationDraft => ({
  type: 'play',
  instance_id: 1 + (n % 3),
  played_at: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`,
});

describe('restoring a backup under devices that synced after it', () => {
  let sim: SimulatedHub;
  let phone: SimulatedDevice;
  let laptop: SimulatedDevice;
  beforeEach(async () => {
    sim = await new SimulatedHub(tempDir()).open();
    seedCollection(sim.hub);
    phone = new SimulatedDevice('phone', sim);
    laptop = new SimulatedDevice('laptop', sim);
    await sim.pair(phone);
    await sim.pair(laptop);
    await phone.engine.sync();
    await laptop.engine.sync();
    await phone.engine.sync(); // the laptop's re-sent plays, as the hub's nudge would bring them
  });
  afterEach(() => sim.hub.close());

  it('keeps every edit acknowledged before the backup, applies none twice, and takes back the rest from the devices', async () => {
    const acked = new Set<string>();
    const ackedPlays = new Set<string>();
    const pushOne = async (d: SimulatedDevice, draft: MutationDraft) => {
      const m = await d.engine.edit(draft);
      await d.engine.sync();
      expect(await d.engine.db.outbox.count()).toBe(0);
      acked.add(m.id);
      if (m.type === 'play') ackedPlays.add(m.id);
    };
    for (let n = 0; n < 20; n++) await pushOne(phone, play(n));
    const beforeBackup = new Set(acked);

    // The backup runs while both devices keep pushing.
    const backup = sim.hub.backups.take('manual');
    for (let n = 20; n < 40; n++) await pushOne(n % 2 ? phone : laptop, play(n));
    const file = await backup;

    // After the backup: more plays, a rating of 3, then (offline) a rating of 5 in the outbox.
    for (let n = 40; n < 50; n++) await pushOne(phone, play(n));
    await pushOne(phone, { type: 'rate', instance_id: 2, rating: 3 });
    phone.online = false;
    await phone.engine.edit({ type: 'rate', instance_id: 2, rating: 5 });
    phone.online = true;

    const restored = join(tempDir(), 'data');
    await restoreBackup(file, restored);
    await sim.moveTo(restored);
    const present = () =>
      new Set(sim.hub.db.prepare<[], string>('SELECT id FROM pushed_mutations').pluck().all());
    for (const id of beforeBackup) expect(present()).toContain(id);

    await phone.engine.sync();
    await laptop.engine.sync();
    await phone.engine.sync(); // the laptop's re-sent plays, as the hub's nudge would bring them

    // Every acknowledged play is there once (a play's id is its mutation's id).
    const plays = sim.hub.db.prepare<[], string>('SELECT id FROM plays').pluck().all();
    expect(new Set(plays).size).toBe(plays.length);
    expect(new Set(plays)).toEqual(ackedPlays);
    for (const id of acked) expect(present()).toContain(id);
    // The edits reached the restored hub in the order they were made: the later rating wins.
    expect(sim.hub.collection.instance(2)?.rating).toBe(5);
    // Both devices pulled the restored hub again and hold what it holds.
    for (const d of [phone, laptop]) {
      expect(await d.engine.db.outbox.count()).toBe(0);
      expect(await d.engine.db.getMeta('cursor')).toEqual({
        epoch: sim.hub.log.epoch,
        cursor: sim.hub.log.cursor,
      });
      expect((await d.engine.db.plays.toArray()).map((p) => p.id).sort()).toEqual(plays.sort());
      expect((await d.engine.db.instances.get(2))?.rating).toBe(5);
    }
  });
});
