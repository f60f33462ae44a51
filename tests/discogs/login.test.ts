import { readFileSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDiscogsApi, type FakeDiscogsApi } from '../fakes/discogs-api.ts';
import { runCli } from '../helpers/cli.ts';
import { test, type TestHub } from '../helpers/hub-fixture.ts';
import { tempDir } from '../helpers/temp-dir.ts';

describe('vinylvault login and the connection check', () => {
  let api: FakeDiscogsApi;
  let data: string;
  let env: Record<string, string> & { VINYLVAULT_DATA_DIR: string };
  beforeEach(async () => {
    api = await startFakeDiscogsApi({ token: 'real-token-123' });
    data = tempDir();
    env = { VINYLVAULT_DATA_DIR: data, DISCOGS_API_URL: api.url };
  });
  afterEach(() => api.close());

  it('verifies the token with Discogs and stores it encrypted', async () => {
    const r = await runCli(['login', '--token', 'real-token-123'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Logged in to Discogs as collector; the token is stored encrypted in ${data}.\n`,
    );
    const state = readFileSync(join(data, 'state.json'), 'utf8');
    expect(state).not.toContain('real-token-123');
    expect(JSON.parse(state).settings.discogs).toMatchObject({
      username: 'collector',
      token: expect.stringMatching(/^v1:/),
    });
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(api.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([
      'GET /oauth/identity 200',
    ]);
  });

  it('refuses a wrong token in words, stores nothing, and never echoes it', async () => {
    const r = await runCli(['login', '--token', 'typo-token-999'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'vinylvault: Discogs refused this token: check that it was copied whole, or generate a new one (discogs.com → Settings → Developers)\n',
    );
    expect(r.stdout + r.stderr).not.toContain('typo-token-999');
    expect(JSON.parse(readFileSync(join(data, 'state.json'), 'utf8')).settings.discogs).toBeNull();
  });

  test('POST /api/discogs/login checks the token, keeps it sealed, and never echoes it', async ({
    hubs,
  }) => {
    const hub = await hubs.open(env);
    const login = (body: unknown) =>
      hub.api(`/api/discogs/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await login({})).status).toBe(400);
    const refused = await login({ token: 'typo-token-999' });
    expect(refused.status).toBe(401);
    const refusal = await refused.text();
    expect(JSON.parse(refusal)).toEqual({
      error:
        'Discogs refused this token: check that it was copied whole, or generate a new one (discogs.com → Settings → Developers)',
    });
    expect(refusal).not.toContain('typo-token-999');
    const ok = await login({ token: 'real-token-123' });
    expect(await ok.json()).toEqual({ username: 'collector' });
    expect(readFileSync(join(data, 'state.json'), 'utf8')).not.toContain('real-token-123');
    expect(await (await hub.api(`/api/discogs/connection`)).json()).toEqual({
      state: 'online',
      username: 'collector',
    });
    expect(hub.log()).not.toMatch(/real-token-123|typo-token-999/);
  });

  it('says in words, after one try, when Discogs cannot be reached to check a token', async () => {
    // Discogs as a dead link shows it: every connection is accepted, then dropped.
    let connections = 0;
    const dropping = createServer();
    dropping.on('connection', (socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = dropping.address() as AddressInfo;
      const r = await runCli(['login', '--token', 'real-token-123'], {
        ...env,
        DISCOGS_API_URL: `http://127.0.0.1:${port}`,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^vinylvault: Discogs could not be reached to check the token: .+\. Check that the hub is connected to the internet, then try again\.\n$/,
      );
      expect(r.stderr).not.toContain('/oauth/identity');
      expect(connections).toBe(1);
      expect(
        JSON.parse(readFileSync(join(data, 'state.json'), 'utf8')).settings.discogs,
      ).toBeNull();
    } finally {
      dropping.close();
    }
  });

  it('login without a token is a usage error', async () => {
    const r = await runCli(['login'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('login: give the personal access token');
  });

  test('GET /api/discogs/connection: not logged in, online, token refused, offline', async ({
    hubs,
  }) => {
    const get = async (h: TestHub) => (await h.api('/api/discogs/connection')).json();
    let hub = await hubs.open(env);
    expect(await get(hub)).toEqual({ state: 'not_logged_in' });
    await hub.close();

    await runCli(['login', '--token', 'real-token-123'], env);
    hub = await hubs.open(env);
    expect(await get(hub)).toEqual({ state: 'online', username: 'collector' });
    api.faults.revokeAfter = 0;
    expect(await get(hub)).toMatchObject({
      state: 'token_refused',
      reason: expect.stringContaining('HTTP 401'),
    });
    await api.close();
    expect(await get(hub)).toMatchObject({
      state: 'offline',
      reason: expect.stringMatching(/^Discogs GET \/oauth\/identity failed/),
    });
    expect(hub.log()).not.toContain('real-token-123');
    api = await startFakeDiscogsApi();
  }, 60_000);
});
