import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/collection.ts';
import { makeCollection, startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { runCli, serveHub } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('account sync from the CLI and over HTTP', () => {
  let api: FakeDiscogsApi;
  let env: Record<string, string>;
  beforeEach(async () => {
    api = await startFakeDiscogsApi({ collection: makeCollection(350, 20) });
    env = { VINYLVAULT_DATA_DIR: tempDir(), DISCOGS_API_URL: api.url };
  });
  afterEach(() => api.close());

  it('vinylvault sync runs to completion; without a login it says what to do', async () => {
    const before = await runCli(['sync'], env);
    expect(before.code).toBe(1);
    expect(before.stderr).toBe('vinylvault: sync not_logged_in: no Discogs account: run "vinylvault login --token …" first\n');
    await runCli(['login', '--token', 'test-token'], env);
    const r = await runCli(['sync'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('synced 350 instances in 3 folders, 20 wants; 8 requests, 0 answered 429\n');
    expect((await runCli(['sync', '--incremental'], env)).stdout).toBe('synced 350 instances in 3 folders, 20 wants; 5 requests, 0 answered 429\n');
  });

  it('POST /api/sync/start runs in the background; status reports it; cancel answers 409 when idle', async () => {
    await runCli(['login', '--token', 'test-token'], env);
    const hub = await serveHub(env);
    const post = (path: string, body?: unknown) => fetch(`${hub.url}/api/sync/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await post('start', { kind: 'sideways' })).status).toBe(400);
    expect((await post('start', { kind: 'full' })).status).toBe(202);
    await expect.poll(async () => ((await (await fetch(`${hub.url}/api/sync/status`)).json()) as SyncStatus).state, { timeout: 20_000 }).toBe('completed');
    const status = (await (await fetch(`${hub.url}/api/sync/status`)).json()) as SyncStatus & { runs: unknown[]; value: unknown };
    expect(status).toMatchObject({ kind: 'full', percent: 100, requests: 8, tooMany: 0, lastError: null, value: { median: '€71.20' } });
    expect(status.runs).toHaveLength(1);
    expect(await (await post('cancel')).json()).toEqual({ error: 'no account sync is running' });
    expect(hub.log()).not.toContain('test-token');
    expect(await hub.stop()).toBe(0);
  });
});
