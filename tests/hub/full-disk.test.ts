// The data dir on a small tmpfs, filled to the last byte: the hub serves reads, refuses writes
// with 507 in words, shows it on Health, starts on the full disk, and recovers once space is freed.
import { closeSync, existsSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import type { HubHealth } from '../../shared/hub-health.ts';
import type { PushResponse } from '../../shared/mutations.ts';
import { test } from '../helpers/hub-fixture.ts';
import { mountTmpfs } from '../helpers/tmpfs.ts';

/** Writes zeros to `file` until the disk refuses (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

describe('a full disk', () => {
  test('refuses writes with 507, keeps serving reads, starts anyway, and recovers when space is freed', async ({
    hubs,
    skip,
  }) => {
    const mount = mountTmpfs(48);
    if ('refused' in mount) return skip(`cannot mount a tmpfs here (${mount.refused})`);
    const data = join(mount.dir, 'data');
    let hub = await hubs.open({ VINYLVAULT_DATA_DIR: data });
    const health = async () => (await (await hub.api('/api/admin/health')).json()) as HubHealth;
    expect((await health()).disk.full).toBeNull(); // also signs in while there is room
    const rate = (rating: number) => ({
      deviceId: 'admin-page',
      mutations: [
        {
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          type: 'rate',
          instance_id: 1,
          rating,
        },
      ],
    });
    const push = (rating: number) =>
      hub.api('/api/sync/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rate(rating)),
      });

    const filler = join(mount.dir, 'filler');
    fillDisk(filler);
    // A pairing code is a state write, and the mutation log a database write: both refused.
    for (const write of [
      () => hub.api('/api/admin/pairing', { method: 'POST' }),
      () => push(5),
      () =>
        hub.api('/api/admin/settings', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ backupKeep: 9 }),
        }),
    ]) {
      const res = await write();
      expect([res.status, await res.json()]).toEqual([
        507,
        {
          error: `the hub's disk is full (${data}): nothing was saved, and nothing stored before is lost; free some space there and try again`,
        },
      ]);
    }
    // Reads go on.
    expect((await hub.api('/api/sync/pull?since=0')).status).toBe(200);
    expect((await health()).disk.full).toMatchObject({ path: data });

    // Stopped and started again on the full disk: it starts, and says so.
    rmSync(filler); // room for the state file the stop writes
    await hub.close();
    fillDisk(filler);
    hub = await hubs.open({ VINYLVAULT_DATA_DIR: data });
    expect((await hub.api('/api/health')).status).toBe(200);
    expect((await health()).disk.full).toMatchObject({ what: 'the hub started on a full disk' });
    expect(readdirSync(data).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Space freed: the next write works, and Health no longer says full.
    rmSync(filler);
    const res = await push(4);
    expect(res.status).toBe(200);
    expect(((await res.json()) as PushResponse).results).toHaveLength(1);
    expect((await health()).disk.full).toBeNull();
    expect(existsSync(join(data, 'user.sqlite'))).toBe(true);
  });
});
