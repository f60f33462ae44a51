import { describe, expect } from 'vitest';
import type { AccountSyncStatus } from '../../shared/account-sync.ts';
import type { DumpRun } from '../../shared/dump-runs.ts';
import { makeCollection, startFakeDiscogsApi } from '../fakes/discogs-api.ts';
import { startFakeDumpHost } from '../fakes/dump-host.ts';
import { publishMonth } from '../helpers/dump-month.ts';
import { test } from '../helpers/hub-fixture.ts';

describe('GET|PUT /api/admin/settings', () => {
  test('shows scope, schedules and retention with the space they need, and keeps valid changes across a restart', async ({
    hubs,
  }) => {
    const env = { VINYLVAULT_DATA_DIR: hubs.dir() };
    let hub = await hubs.open(env);
    const put = (body: unknown) =>
      hub.api('/api/admin/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = (await (await hub.api('/api/admin/settings')).json()) as {
      settings: Record<string, unknown>;
      next: { dumps: string | null; sync: string | null; backup: string | null };
      space: { freeBytes: number; neededBytes: { full: number; collection: number } };
    };
    expect(first.settings).toEqual({
      catalogScope: 'full',
      dumpSchedule: { enabled: true, cron: '0 2 * * *' },
      dumpRetentionMonths: 0,
      dumpPreserveFiles: false,
      syncSchedule: { enabled: true, cron: '0 3 * * *' },
      backupSchedule: { enabled: true, cron: '30 4 * * *' },
      backupKeep: 7,
    });
    // The defaults look for dumps at 02:00, reconcile at 03:00 and back up at 04:30 UTC, within
    // the next day.
    for (const [next, hour] of [
      [first.next.dumps, 2],
      [first.next.sync, 3],
      [first.next.backup, 4],
    ] as const) {
      expect(new Date(next!).getUTCHours()).toBe(hour);
      expect(Date.parse(next!) - Date.now()).toBeLessThanOrEqual(86_400_000);
    }
    expect(first.space.freeBytes).toBeGreaterThan(0);
    expect(first.space.neededBytes.full).toBeGreaterThan(first.space.neededBytes.collection);

    const bad = await put({ dumpSchedule: { enabled: true, cron: 'every night' } });
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { error: 'dumpSchedule.cron: not a cron expression croner accepts' },
    ]);
    expect((await put({ discogs: null })).status).toBe(400); // the account has its own routes
    const ok = await put({
      catalogScope: 'collection',
      dumpSchedule: { enabled: false, cron: '30 4 * * *' },
      dumpRetentionMonths: 2,
    });
    const saved = (await ok.json()) as {
      settings: unknown;
      next: { dumps: string | null; sync: string | null };
    };
    expect(saved.settings).toMatchObject({
      catalogScope: 'collection',
      dumpSchedule: { enabled: false, cron: '30 4 * * *' },
      dumpRetentionMonths: 2,
    });
    expect(saved.next.dumps).toBeNull(); // turned off, and rescheduled at once
    const weekly = (await (
      await put({ syncSchedule: { enabled: true, cron: '15 6 * * 0' } })
    ).json()) as { next: { sync: string } };
    expect([
      new Date(weekly.next.sync).getUTCDay(),
      new Date(weekly.next.sync).getUTCHours(),
      new Date(weekly.next.sync).getUTCMinutes(),
    ]).toEqual([0, 6, 15]);
    await hub.close();
    hub = await hubs.open(env);
    expect(
      ((await (await hub.api('/api/admin/settings')).json()) as { settings: unknown }).settings,
    ).toMatchObject({
      catalogScope: 'collection',
      dumpSchedule: { enabled: false },
      dumpRetentionMonths: 2,
    });
  });
});

describe('GET /api/admin/setup, POST /api/admin/setup/finish', () => {
  test('records once that the first-run wizard is done, for the admin only, across a restart', async ({
    hubs,
  }) => {
    const env = { VINYLVAULT_DATA_DIR: hubs.dir() };
    let hub = await hubs.open(env);
    expect(await (await hub.api('/api/admin/setup')).json()).toEqual({ finishedAt: null });
    expect((await fetch(`${hub.url}/api/admin/setup/finish`, { method: 'POST' })).status).toBe(401);
    const { finishedAt } = (await (
      await hub.api('/api/admin/setup/finish', { method: 'POST' })
    ).json()) as { finishedAt: string };
    expect(Date.parse(finishedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Finishing again keeps the first time.
    expect(await (await hub.api('/api/admin/setup/finish', { method: 'POST' })).json()).toEqual({
      finishedAt,
    });
    await hub.close();
    hub = await hubs.open(env);
    expect(await (await hub.api('/api/admin/setup')).json()).toEqual({
      finishedAt: expect.any(String),
    });
  });
});

describe('the first runs the wizard starts', () => {
  test('syncs the account, then loads a collection-only catalog with what the collection names', async ({
    hubs,
    onTestFinished,
  }) => {
    // Three collected releases that the 2020 sample dump holds (ids 1 to 3).
    const collection = makeCollection(3);
    collection.instances.forEach(
      (instance, i) => ((instance.id = i + 1), (instance.basic_information.id = i + 1)),
    );
    const api = await startFakeDiscogsApi({ collection });
    const host = await startFakeDumpHost();
    let answer = () => {};
    onTestFinished(async () => {
      api.hold = undefined;
      answer();
      await api.close();
      await host.close();
    });
    publishMonth(host, '20260601');
    const hub = await hubs.open({ DISCOGS_API_URL: api.url, DISCOGS_DUMPS_URL: host.url });
    const post = (path: string, body: unknown) =>
      hub.api(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/discogs/login', { token: 'test-token' })).status).toBe(200);
    await hub.api('/api/admin/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ catalogScope: 'collection' }),
    });
    expect((await post('/api/admin/setup/finish', { startDumps: 'yes' })).status).toBe(400);
    // Discogs holds its answers: the sync stays at its first request, and the dump must wait.
    api.hold = new Promise((resolve) => (answer = resolve));
    expect(
      (await post('/api/admin/setup/finish', { startDumps: true, startSync: true })).status,
    ).toBe(200);
    await expect.poll(() => api.held).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(host.requests).toEqual([]);
    api.hold = undefined;
    answer();

    await expect
      .poll(
        async () =>
          ((await (await hub.api('/api/dumps')).json()) as { runs: DumpRun[] }).runs[0]?.status,
        { timeout: 60_000 },
      )
      .toBe('completed');
    expect(
      ((await (await hub.api('/api/account-sync/status')).json()) as AccountSyncStatus).state,
    ).toBe('completed');
    // Had the dump gone first, it would have kept nothing: the releases' artists come only from it.
    const release = (await (await hub.api('/api/catalog/releases/1')).json()) as {
      artists: Array<{ id: number }>;
    };
    expect((await hub.api(`/api/catalog/artists/${release.artists[0]!.id}`)).status).toBe(200);
    expect((await hub.api('/api/catalog/releases/4')).status).toBe(404);
  }, 90_000);
});
