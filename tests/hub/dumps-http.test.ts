import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { test, type TestHub } from '../helpers/hub-fixture.ts';
import type { DropLoad, DumpCheck, DumpRun } from '../../shared/dump-runs.ts';
import { startFakeDumpHost, type FakeDumpHost } from '../fakes/dump-host.ts';
import { runCli, serveHub, type ServedHub } from '../helpers/cli.ts';
import { readEvents } from '../helpers/sse.ts';
import { publishMonth } from '../helpers/dump-month.ts';
import { tempDir } from '../helpers/temp-dir.ts';
import { closedAddress } from '../helpers/closed-address.ts';

const demoDumps = fileURLToPath(new URL('../../demo/dumps/', import.meta.url));

describe('dumps over HTTP, in the running hub', () => {
  let host: FakeDumpHost;
  // In this process, but for the test of stopping the hub's process (serveHub).
  let hub: TestHub | ServedHub | undefined;
  let data: string;
  const env = () => ({
    VINYLVAULT_DATA_DIR: data,
    DISCOGS_DUMPS_URL: host.url,
    VINYLVAULT_DUMP_RETRY_SECONDS: '0,0',
    VINYLVAULT_DUMP_STALL_SECONDS: '30',
  });
  const api = (path: string, init?: RequestInit) => hub!.api(`/api/dumps${path}`, init);

  beforeEach(async () => {
    host = await startFakeDumpHost();
    publishMonth(host, '20260601');
    data = tempDir();
  });
  afterEach(async () => {
    if (hub && 'stop' in hub) expect(await hub.stop()).toBe(0);
    hub = undefined;
    await host.close();
  });

  test('runs a month in the background, streaming record changes and progress over SSE', async ({
    hubs,
  }) => {
    hub = await hubs.open(env());
    const first = (await (await api('')).json()) as { nextCheck: string };
    expect(first).toEqual({
      running: false,
      runs: [],
      drops: [],
      lastCheck: null,
      nextCheck: expect.any(String),
    });
    expect(new Date(first.nextCheck).getUTCHours()).toBe(2); // the default daily look at 02:00 UTC
    const events = readEvents(
      hub,
      '/api/admin/events',
      (event, d) => event === 'dump' && (d as DumpRun).status === 'completed',
    );
    await new Promise((r) => setTimeout(r, 200));
    const started = await api('/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"month":"2026-06"}',
    });
    expect(started.status).toBe(202);
    expect((await api('/run', { method: 'POST' })).status).toBe(409);

    const seen = await events;
    expect(seen[0]).toMatchObject({
      event: 'hello',
      data: { dumpsRunning: false, sync: { state: 'idle' } },
    });
    const statuses = seen.filter((e) => e.event === 'dump').map((e) => (e.data as DumpRun).status);
    expect([...new Set(statuses)]).toEqual([
      'downloading',
      'ready_for_processing',
      'processing',
      'completed',
    ]);
    const progress = seen
      .filter((e) => e.event === 'progress')
      .map((e) => e.data as { job: string });
    expect(new Set(progress.map((p) => p.job))).toEqual(new Set(['download', 'ingest']));
    const lastDownload = progress.filter((p) => p.job === 'download').at(-1);
    expect(lastDownload).toMatchObject({
      label: 'discogs_20260601_releases.xml.gz',
      done: expect.any(Number),
      total: expect.any(Number),
      etaSeconds: 0,
    });

    const after = (await (await api('')).json()) as { runs: DumpRun[] };
    expect(after.runs).toMatchObject([{ year_month: '2026-06', status: 'completed' }]);
    // The run's end is told a moment after the record's last change.
    await expect
      .poll(async () => ((await (await api('')).json()) as { lastCheck: unknown }).lastCheck)
      .toEqual({ at: expect.any(String), month: '2026-06', error: null });
    expect((await hub.api(`/api/catalog/releases/1`)).status).toBe(200);
  });

  test('says why a look for a month found none: the host unreachable, or nothing listed', async ({
    hubs,
  }) => {
    const url = closedAddress;
    hub = await hubs.open({ ...env(), DISCOGS_DUMPS_URL: url });
    const checks = readEvents(hub, '/api/admin/events', (event) => event === 'check');
    await new Promise((r) => setTimeout(r, 200));
    await api('/run', { method: 'POST' });
    const [check] = (await checks).filter((e) => e.event === 'check');
    expect(check!.data).toEqual({
      at: expect.any(String),
      month: null,
      error: `cannot reach the dump host: ${new URL(url).host} refused the connection`,
    });
    expect(((await (await api('')).json()) as { lastCheck: unknown }).lastCheck).toEqual(
      check!.data,
    );
  });

  test('validates months, and retries only failed ones', async ({ hubs }) => {
    hub = await hubs.open(env());
    expect((await api('/2026-13/retry', { method: 'POST' })).status).toBe(400);
    expect(await (await api('/2026-05/retry', { method: 'POST' })).json()).toEqual({
      error: 'no dump record for 2026-05',
    });
    expect(
      (
        await api('/run', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"month":"June"}',
        })
      ).status,
    ).toBe(400);
    // Not JSON, or not sent as JSON: refused before the route reads it as "no month given".
    expect((await api('/run', { method: 'POST', body: '{"month":"June"}' })).status).toBe(415);
    const garbled = await api('/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"month":',
    });
    expect([garbled.status, ((await garbled.json()) as { error: string }).error]).toEqual([
      400,
      expect.stringMatching(/^invalid JSON: /),
    ]);

    host.faults.set('discogs_20260601_labels.xml.gz', { corrupt: { times: 2 } });
    await api('/run', { method: 'POST' });
    await expect
      .poll(
        async () =>
          ((await (await api('')).json()) as { runs: DumpRun[]; running: boolean }).running,
        { timeout: 20_000 },
      )
      .toBe(false);
    expect(((await (await api('')).json()) as { runs: DumpRun[] }).runs[0]).toMatchObject({
      status: 'failed',
      retry_count: 2,
    });

    expect((await api('/2026-06/retry', { method: 'POST' })).status).toBe(202);
    await expect
      .poll(async () => ((await (await api('')).json()) as { runs: DumpRun[] }).runs[0]!.status, {
        timeout: 20_000,
      })
      .toBe('completed');
    expect(await (await api('/2026-06/retry', { method: 'POST' })).json()).toEqual({
      error: 'dump 2026-06 is completed, not failed',
    });
  });

  it('stops cleanly mid-download on SIGTERM and resumes the month at the next start', async () => {
    host.faults.set('discogs_20260601_releases.xml.gz', {
      stallAfter: { bytes: 100_000, times: 1 },
    });
    hub = await serveHub(env());
    await api('/run', { method: 'POST' });
    await expect
      .poll(
        () => host.requests.some((r) => r.path.includes('releases.xml.gz') && r.method === 'GET'),
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await hub.stop()).toBe(0);
    const state = JSON.parse(readFileSync(join(data, 'state.json'), 'utf8'));
    expect(state.dumpRuns[0]).toMatchObject({ status: 'downloading' });

    hub = await serveHub(env());
    await expect
      .poll(async () => ((await (await api('')).json()) as { runs: DumpRun[] }).runs[0]!.status, {
        timeout: 30_000,
      })
      .toBe('completed');
    // Resumed from what had reached the disk when the hub stopped (up to the 100,000 bytes sent).
    const ranges = host.requests
      .filter((r) => r.method === 'GET' && r.path.includes('releases.xml.gz'))
      .map((r) => r.range);
    expect(ranges).toHaveLength(2);
    expect(ranges[0]).toBeUndefined();
    expect(Number(/^bytes=(\d+)-$/.exec(ranges[1] ?? '')?.[1])).toBeGreaterThan(0);
    expect(await (await hub.api(`/api/catalog/releases/1`)).json()).toMatchObject({
      id: 1,
      title: 'Stockholm',
    });
  });

  test('shows files loaded from the drop folder as a load of their own, and an unreachable host as what it is', async ({
    hubs,
  }) => {
    // The owner copied the four sample dumps in; the dump host is down (nothing listens there).
    const incoming = join(data, 'dumps', 'incoming');
    mkdirSync(incoming, { recursive: true });
    for (const f of readdirSync(demoDumps)) copyFileSync(join(demoDumps, f), join(incoming, f));
    await host.close();
    hub = await hubs.open(env());
    expect((await api('/run', { method: 'POST' })).status).toBe(202);
    type View = {
      running: boolean;
      runs: DumpRun[];
      drops: DropLoad[];
      lastCheck: DumpCheck | null;
    };
    await expect
      .poll(async () => ((await (await api('')).json()) as View).lastCheck, { timeout: 30_000 })
      .not.toBeNull();
    const view = (await (await api('')).json()) as View;
    expect(view.drops).toHaveLength(1);
    expect(view.drops[0]!.files.map((f) => [f.name, f.added])).toEqual(
      ['labels', 'artists', 'masters', 'releases'].map((k) => [
        `discogs_20200806_${k}.xml.gz`,
        1000,
      ]),
    );
    expect(view.runs).toEqual([]);
    expect(view.lastCheck?.error).toMatch(/^cannot reach the dump host: /);
    expect(hub.log()).not.toContain('dump run failed');
    expect(hub.log()).toContain(
      'loaded 4 files from the drop folder; looking for a newer month: cannot reach the dump host',
    );
    const status = await runCli(['dumps', 'status'], env());
    expect(status.stdout).toMatch(
      /^drop folder {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC {2}discogs_20200806_labels\.xml\.gz: 1,000 added, 0 changed, 0 deleted$/m,
    );
    expect(status.stdout).not.toContain('no dump month has been processed yet');
  }, 60_000);
});
