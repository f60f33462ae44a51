import { hubApi } from '../../shared/hub-api.ts';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthService, PAIRING_CODE_REFUSED } from '../../hub/auth/auth-service.ts';
import { SetupCode } from '../../hub/auth/setup-code.ts';
import { loadConfig } from '../../hub/config.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { openState } from '../../hub/state/store.ts';
import { setupCodeOf, TEST_ADMIN_PASSWORD } from '../helpers/auth.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('admin sign-in, pairing and device tokens', () => {
  let hub: RunningHub;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vinylvault-'));
    hub = await startHub(
      {
        ...loadConfig({
          VINYLVAULT_DATA_DIR: dir,
          VINYLVAULT_PORT: '0',
          VINYLVAULT_HTTPS_PORT: '0',
        }),
        host: '127.0.0.1',
      },
      createLogger('silent'),
    );
    base = `http://127.0.0.1:${hub.port}`;
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let cookie = '';
  let deviceToken = '';
  let deviceId = '';

  it('first run: the admin sets a password with the setup code and gets an HttpOnly, SameSite=Strict session', async () => {
    expect(await (await fetch(`${base}/api/admin/status`)).json()).toEqual({
      setUp: false,
      signedIn: false,
    });
    const setupCode = setupCodeOf(dir);
    expect(setupCode).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(statSync(join(dir, 'setup-code.txt')).mode & 0o777).toBe(0o600);
    expect(
      (await fetch(`${base}/api/admin/setup`, json({ password: 'short', setupCode }))).status,
    ).toBe(400);
    const wrong = await fetch(
      `${base}/api/admin/setup`,
      json({ password: TEST_ADMIN_PASSWORD, setupCode: 'AAAA-AAAA' }),
    );
    expect([wrong.status, ((await wrong.json()) as { error: string }).error]).toEqual([
      401,
      expect.stringMatching(/^wrong setup code: .*setup-code\.txt until used$/),
    ]);
    expect(
      (await fetch(`${base}/api/admin/setup`, json({ password: TEST_ADMIN_PASSWORD }))).status,
    ).toBe(400);
    // Typed as people type it: lower case, a space for the dash.
    const res = await fetch(
      `${base}/api/admin/setup`,
      json({ password: TEST_ADMIN_PASSWORD, setupCode: setupCode.toLowerCase().replace('-', ' ') }),
    );
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^vv_session=[\w-]{43}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Strict$/,
    );
    cookie = setCookie.split(';')[0]!;
    expect(existsSync(join(dir, 'setup-code.txt'))).toBe(false);
    expect(
      (await fetch(`${base}/api/admin/setup`, json({ password: 'another password', setupCode })))
        .status,
    ).toBe(409);
    expect(await (await fetch(`${base}/api/admin/status`, { headers: { cookie } })).json()).toEqual(
      { setUp: true, signedIn: true },
    );
  });

  it('logs in with the password only, and logs out', async () => {
    expect(
      (await fetch(`${base}/api/admin/login`, json({ password: 'wrong password' }))).status,
    ).toBe(401);
    const res = await fetch(`${base}/api/admin/login`, json({ password: TEST_ADMIN_PASSWORD }));
    expect(res.status).toBe(204);
    const second = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/api/devices`, { headers: { cookie: second } })).status).toBe(200);
    await fetch(`${base}/api/admin/logout`, { method: 'POST', headers: { cookie: second } });
    expect((await fetch(`${base}/api/devices`, { headers: { cookie: second } })).status).toBe(401);
  });

  it('pairs a device with a one-time code shown as text and QR; the token opens the API', async () => {
    const pairing = (await (
      await fetch(`${base}/api/admin/pairing`, { method: 'POST', headers: { cookie } })
    ).json()) as { code: string; url: string; qrSvg: string; expiresAt: string };
    expect(pairing.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(pairing.url).toBe(`${base}/#pair=${pairing.code}`);
    expect(pairing.qrSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(Date.parse(pairing.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);

    const typed = pairing.code.toLowerCase().replace('-', ' ');
    const paired = await fetch(`${base}/api/pair`, json({ code: typed, name: 'Kitchen phone' }));
    expect(paired.status).toBe(201);
    ({ token: deviceToken, deviceId } = (await paired.json()) as {
      token: string;
      deviceId: string;
    });
    expect(deviceToken).toMatch(/^[\w-]{43}$/);
    expect(
      (await fetch(`${base}/api/pair`, json({ code: pairing.code, name: 'again' }))).status,
    ).toBe(401);

    const auth = { authorization: `Bearer ${deviceToken}` };
    expect((await fetch(`${base}/api/catalog/search?q=anything`, { headers: auth })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/api/devices`, { headers: auth })).status).toBe(403);
    const { devices } = (await (
      await fetch(`${base}/api/devices`, { headers: { cookie } })
    ).json()) as { devices: unknown[] };
    expect(devices).toEqual([
      expect.objectContaining({
        id: deviceId,
        name: 'Kitchen phone',
        revoked_at: null,
        last_seen_at: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(devices)).not.toContain(deviceToken);
  });

  it('a revoked device fails at once', async () => {
    expect(
      (await fetch(`${base}/api/devices/${deviceId}`, { method: 'DELETE', headers: { cookie } }))
        .status,
    ).toBe(204);
    expect(
      (
        await fetch(`${base}/api/catalog/search?q=anything`, {
          headers: { authorization: `Bearer ${deviceToken}` },
        })
      ).status,
    ).toBe(401);
  });

  it('every route but health, first-run and the pairing exchange refuses no credentials and forged ones', async () => {
    const open = new Set([
      'GET /api/health',
      'GET /api/connect',
      'GET /api/admin/status',
      'POST /api/admin/setup',
      'POST /api/admin/login',
      'POST /api/pair',
    ]);
    const api = hub.routes.filter(
      (r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !open.has(`${r.method} ${r.path}`),
    );
    expect(api.length).toBeGreaterThan(20);
    for (const r of api) {
      const path = r.path
        .replace(':kinds', 'releases')
        .replace(':month', '2026-06')
        .replace(/:[a-zA-Z]+/g, '1');
      for (const headers of [
        {},
        { authorization: 'Bearer forged-token-value' },
        { cookie: 'vv_session=forged' },
      ] as Record<string, string>[]) {
        const res = await fetch(`${base}${path}`, { method: r.method, headers });
        expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 401]);
      }
    }
  });

  it('limits failed login and pairing attempts per address', async () => {
    for (let i = 0; i < 10; i++) await fetch(`${base}/api/pair`, json({ code: 'WRONG-CODE' }));
    const blocked = await fetch(`${base}/api/admin/login`, json({ password: TEST_ADMIN_PASSWORD }));
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: string }).error).toMatch(
      /^too many failed attempts; try again in \d+ min$/,
    );
  });
});

describe('pairing codes expire', () => {
  afterEach(() => vi.useRealTimers());
  it('after ten minutes', async () => {
    const dir = tempDir();
    const auth = new AuthService(await openState(join(dir, 'state.json')), new SetupCode(dir));
    const { code } = await auth.newPairingCode();
    vi.useFakeTimers({ now: Date.now() + 10 * 60_000 + 1 });
    await expect(auth.pair(code, 'late')).rejects.toThrow(PAIRING_CODE_REFUSED);
  });
});

describe('what a device may do, and what only the admin may', () => {
  // Decided per route (hub/http/auth.ts, DEVICE_ROUTES): a paired phone reads, pulls, pushes,
  // searches, fetches covers and may ask for an account sync. A device token once changed the
  // hub's Discogs token, started dumps and drained the write-back queue.
  const deviceMay = new Set([
    'GET /api/catalog/search',
    'GET /api/catalog/releases',
    'GET /api/catalog/:kinds/:id',
    'GET /api/catalog/artists/:id/releases',
    'GET /api/catalog/labels/:id/releases',
    'GET /api/catalog/masters/:id/versions',
    'GET /api/catalog/:kinds/:id/discography',
    'GET /api/search',
    'GET /api/covers/:releaseId',
    'GET /api/export/:file',
    'POST /api/plays/import',
    'GET /api/sync/pull',
    'POST /api/sync/push',
    'GET /api/sync/events',
    'GET /api/account-sync/status',
    'POST /api/account-sync/start',
  ]);
  const open = new Set([
    'GET /api/health',
    'GET /api/connect',
    'GET /api/admin/status',
    'POST /api/admin/setup',
    'POST /api/admin/login',
    'POST /api/pair',
  ]);

  it('walks every registered route as a paired device and as the admin', async () => {
    const dir = tempDir();
    // Discogs and the dump host at a closed port on this machine: nothing leaves it.
    const env = {
      VINYLVAULT_DATA_DIR: dir,
      VINYLVAULT_PORT: '0',
      VINYLVAULT_HTTPS_PORT: '0',
      DISCOGS_API_URL: 'http://127.0.0.1:9',
      DISCOGS_DUMPS_URL: 'http://127.0.0.1:9',
    };
    const hub = await startHub({ ...loadConfig(env), host: '127.0.0.1' }, createLogger('silent'));
    const base = `http://127.0.0.1:${hub.port}`;
    try {
      const cookie = (
        await fetch(
          `${base}/api/admin/setup`,
          json({ password: TEST_ADMIN_PASSWORD, setupCode: setupCodeOf(dir) }),
        )
      ).headers
        .get('set-cookie')!
        .split(';')[0]!;
      const { code } = (await (
        await fetch(`${base}/api/admin/pairing`, { method: 'POST', headers: { cookie } })
      ).json()) as { code: string };
      const { token } = (await (
        await fetch(`${base}/api/pair`, json({ code, name: 'phone' }))
      ).json()) as { token: string };
      const routes = hub.routes.filter(
        (r) =>
          r.path.startsWith('/api/') && r.method !== 'ALL' && !open.has(`${r.method} ${r.path}`),
      );
      // Every route the web side calls through shared/hub-api.ts is one the hub serves.
      const served = new Set(hub.routes.map((r) => `${r.method} ${r.path}`));
      expect(Object.keys(hubApi).filter((r) => !served.has(r))).toEqual([]);
      expect(
        routes
          .map((r) => `${r.method} ${r.path}`)
          .filter((r) => deviceMay.has(r))
          .sort(),
      ).toEqual([...deviceMay].sort());
      const call = async (r: { method: string; path: string }, headers: Record<string, string>) => {
        const path = r.path
          .replace(':kinds', 'releases')
          .replace(':month', '2026-06')
          .replace(/:[a-zA-Z]+/g, '1');
        const res = await fetch(`${base}${path}`, {
          method: r.method,
          headers,
          signal: AbortSignal.timeout(5000),
        }).catch((err: Error) => ({ status: err.name }));
        if ('body' in res) await res.body?.cancel();
        return res.status;
      };
      for (const r of routes) {
        const status = await call(r, { authorization: `Bearer ${token}` });
        const expected = deviceMay.has(`${r.method} ${r.path}`) ? 'allowed' : 403;
        expect([r.method, r.path, status === 403 ? 403 : 'allowed']).toEqual([
          r.method,
          r.path,
          expected,
        ]);
      }
      // Sign-out last: it ends the session the others use.
      for (const r of routes.sort((a) => (a.path === '/api/admin/logout' ? 1 : -1))) {
        const status = await call(r, { cookie });
        expect([r.method, r.path, status === 401 || status === 403 ? status : 'allowed']).toEqual([
          r.method,
          r.path,
          'allowed',
        ]);
      }
    } finally {
      await hub.close();
    }
  }, 60_000);
});
