import { describe, expect, it } from 'vitest';
import { serveHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('GET|PUT /api/admin/settings', () => {
  it('shows scope, schedules and retention with the space they need, and keeps valid changes across a restart', async () => {
    const env = { VINYLVAULT_DATA_DIR: tempDir() };
    let hub = await serveHub(env);
    const put = (body: unknown) => hub.api('/api/admin/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    try {
      const first = (await (await hub.api('/api/admin/settings')).json()) as { settings: Record<string, unknown>; next: { dumps: string | null; sync: string | null }; space: { freeBytes: number; neededBytes: { full: number; collection: number } } };
      expect(first.settings).toEqual({ catalogScope: 'full', dumpSchedule: { enabled: true, cron: '0 2 * * *' }, dumpRetentionMonths: 0, dumpPreserveFiles: false, syncSchedule: { enabled: true, cron: '0 3 * * *' } });
      // The defaults look for dumps at 02:00 and reconcile at 03:00 UTC, within the next day.
      for (const [next, hour] of [[first.next.dumps, 2], [first.next.sync, 3]] as const) {
        expect(new Date(next!).getUTCHours()).toBe(hour);
        expect(Date.parse(next!) - Date.now()).toBeLessThanOrEqual(86_400_000);
      }
      expect(first.space.freeBytes).toBeGreaterThan(0);
      expect(first.space.neededBytes.full).toBeGreaterThan(first.space.neededBytes.collection);

      const bad = await put({ dumpSchedule: { enabled: true, cron: 'every night' } });
      expect([bad.status, await bad.json()]).toEqual([400, { error: 'dumpSchedule.cron: not a cron expression croner accepts' }]);
      expect((await put({ discogs: null })).status).toBe(400); // the account has its own routes
      const ok = await put({ catalogScope: 'collection', dumpSchedule: { enabled: false, cron: '30 4 * * *' }, dumpRetentionMonths: 2 });
      const saved = (await ok.json()) as { settings: unknown; next: { dumps: string | null; sync: string | null } };
      expect(saved.settings).toMatchObject({ catalogScope: 'collection', dumpSchedule: { enabled: false, cron: '30 4 * * *' }, dumpRetentionMonths: 2 });
      expect(saved.next.dumps).toBeNull(); // turned off, and rescheduled at once
      const weekly = (await (await put({ syncSchedule: { enabled: true, cron: '15 6 * * 0' } })).json()) as { next: { sync: string } };
      expect([new Date(weekly.next.sync).getUTCDay(), new Date(weekly.next.sync).getUTCHours(), new Date(weekly.next.sync).getUTCMinutes()]).toEqual([0, 6, 15]);
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

describe('GET /api/admin/setup, POST /api/admin/setup/finish', () => {
  it('records once that the first-run wizard is done, for the admin only, across a restart', async () => {
    const env = { VINYLVAULT_DATA_DIR: tempDir() };
    let hub = await serveHub(env);
    try {
      expect(await (await hub.api('/api/admin/setup')).json()).toEqual({ finishedAt: null });
      expect((await fetch(`${hub.url}/api/admin/setup/finish`, { method: 'POST' })).status).toBe(401);
      const { finishedAt } = (await (await hub.api('/api/admin/setup/finish', { method: 'POST' })).json()) as { finishedAt: string };
      expect(Date.parse(finishedAt)).toBeGreaterThan(Date.now() - 60_000);
      // Finishing again keeps the first time.
      expect(await (await hub.api('/api/admin/setup/finish', { method: 'POST' })).json()).toEqual({ finishedAt });
    } finally {
      expect(await hub.stop()).toBe(0);
    }
    hub = await serveHub(env);
    try {
      expect(await (await hub.api('/api/admin/setup')).json()).toEqual({ finishedAt: expect.any(String) });
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });
});
