import { describe, expect, it } from 'vitest';
import { serveHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('GET|PUT /api/admin/settings', () => {
  it('shows scope, schedules and retention with the space they need, and keeps valid changes across a restart', async () => {
    const env = { VINYLVAULT_DATA_DIR: tempDir() };
    let hub = await serveHub(env);
    const put = (body: unknown) => hub.api('/api/admin/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const first = (await (await hub.api('/api/admin/settings')).json()) as { settings: Record<string, unknown>; space: { freeBytes: number; neededBytes: { full: number; collection: number } } };
      expect(first.settings).toEqual({ catalogScope: 'full', dumpSchedule: { enabled: true, cron: '0 2 * * *' }, dumpRetentionMonths: 0, dumpPreserveFiles: false, syncSchedule: { enabled: true, cron: '0 3 * * *' } });
      expect(first.space.freeBytes).toBeGreaterThan(0);
      expect(first.space.neededBytes.full).toBeGreaterThan(first.space.neededBytes.collection);

      const bad = await put({ dumpSchedule: { enabled: true, cron: 'every night' } });
      expect([bad.status, await bad.json()]).toEqual([400, { error: 'dumpSchedule.cron: not a cron expression croner accepts' }]);
      expect((await put({ discogs: null })).status).toBe(400); // the account has its own routes
      const ok = await put({ catalogScope: 'collection', dumpSchedule: { enabled: false, cron: '30 4 * * *' }, dumpRetentionMonths: 2 });
      expect(((await ok.json()) as { settings: unknown }).settings).toMatchObject({ catalogScope: 'collection', dumpSchedule: { enabled: false, cron: '30 4 * * *' }, dumpRetentionMonths: 2 });
    } finally {
      expect(await hub.stop()).toBe(0);
    }
    hub = await serveHub(env);
    try {
      expect(((await (await hub.api('/api/admin/settings')).json()) as { settings: unknown }).settings).toMatchObject({ catalogScope: 'collection', dumpSchedule: { enabled: false }, dumpRetentionMonths: 2 });
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });
});
