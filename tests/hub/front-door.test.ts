// The hub attacked from the LAN, on loopback: each case below got through before the front door
// (issue 13's measurements: a page of another site claimed a new hub with a text/plain form;
// 20 concurrent setups all succeeded; 8 × 100 MB to /api/pair took the hub to 1.38 GB; 1,100
// idle sockets under `ulimit -n 1024` made every request fail for 75 s; any Host was answered).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../hub/config.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { caFiles } from '../../hub/tls/hub-tls.ts';
import { setupCodeOf } from '../helpers/auth.ts';
import { serveHub } from '../helpers/cli.ts';
import { lanRequest } from '../helpers/lan-request.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('the front door of a running hub', () => {
  let hub: RunningHub;
  let dir: string;
  let local: string;
  let lan: string;
  let secure: string;
  let ca: string;
  /** The admin password, once the concurrent setups below have set one. */
  let password = '';

  beforeAll(async () => {
    dir = tempDir();
    const webDir = join(dir, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    for (const page of ['index', 'admin', 'connect'])
      writeFileSync(join(webDir, `${page}.html`), `<!doctype html><title>${page}</title>`);
    const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), script);
    writeFileSync(join(webDir, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
    const config = {
      ...loadConfig({
        VINYLVAULT_DATA_DIR: join(dir, 'data'),
        VINYLVAULT_PORT: '0',
        VINYLVAULT_HTTPS_PORT: '0',
        VINYLVAULT_TLS_HOSTNAMES: 'hub.test',
      }),
      host: '127.0.0.1',
      webDir,
    };
    hub = await startHub(config, createLogger('silent'));
    local = `http://127.0.0.1:${hub.port}`;
    lan = `http://hub.test:${hub.port}`;
    secure = `https://hub.test:${hub.httpsPort}`;
    ca = readFileSync(caFiles(config.dataDir).caCert, 'utf8');
  });
  afterAll(() => hub?.close());
  // A session made in-process: the wrong-password test below leaves this address locked out.
  const adminSession = async () =>
    (
      await lanRequest(`${secure}/api/admin/login`, {
        ...json({ password }),
        ca,
        localAddress: '127.0.0.3',
      })
    ).headers['set-cookie']![0]!;

  it('refuses a page of another site setting the first password with a text/plain form', async () => {
    const form = {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      body: `{"password":"pwned-by-a-page","setupCode":"x","=":""}`,
    };
    const res = await fetch(`${local}/api/admin/setup`, form);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^refused: a page of another site \(https:\/\/evil\.example\)/,
    );
    // Without the browser's headers, a text/plain body is still not JSON.
    expect(
      (
        await fetch(`${local}/api/admin/setup`, {
          ...form,
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
    expect(await (await fetch(`${local}/api/admin/status`)).json()).toEqual({
      setUp: false,
      signedIn: false,
    });
  });

  it('lets exactly one of 20 concurrent setups with the code win; the others get 409', async () => {
    const setupCode = setupCodeOf(join(dir, 'data'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(
          `${local}/api/admin/setup`,
          json({ password: `password number ${i}`, setupCode }),
        ).then(async (r) => ({ status: r.status, i })),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    // The winner's password is the one kept: the owner is not locked out.
    password = `password number ${won[0]!.i}`;
    expect((await fetch(`${local}/api/admin/login`, json({ password }))).status).toBe(204);
  });

  it('answers a Host that is none of its names with 421, before anything else', async () => {
    const forged = await lanRequest(`http://rebound.example:${hub.port}/api/health`);
    expect(forged.status).toBe(421);
    expect(forged.json<{ error: string }>().error).toContain('"rebound.example"');
    expect((await lanRequest(`${lan}/api/health`)).status).toBe(200);
  });

  it('serves only the trust step over plain HTTP on a LAN name, everything on localhost and over HTTPS', async () => {
    for (const path of ['/', '/admin', '/api/catalog/search?q=x', '/#pair=ABCD-EFGH']) {
      const res = await lanRequest(`${lan}${path}`);
      expect([path, res.status, res.headers.location]).toEqual([path, 302, '/connect']);
    }
    expect((await lanRequest(`${lan}/connect`)).text()).toContain('<title>connect</title>');
    const cert = await lanRequest(`${lan}/ca.crt`);
    expect([cert.status, cert.headers['content-type']]).toEqual([
      200,
      'application/x-x509-ca-cert',
    ]);
    const profile = await lanRequest(`${lan}/ca.mobileconfig`);
    expect([profile.status, profile.headers['content-type']]).toEqual([
      200,
      'application/x-apple-aspen-config',
    ]);
    expect(profile.text()).toContain('<string>com.apple.security.root</string>');
    expect(profile.text()).toContain(cert.body.toString('base64').slice(0, 40));
    const connect = (await lanRequest(`${lan}/api/connect`)).json<{ httpsOrigin: string }>();
    expect(connect.httpsOrigin).toBe(secure);
    // The owner at the Pi, and scripts: localhost gets everything over plain HTTP.
    expect((await fetch(`${local}/admin`)).status).toBe(200);
    // A phone that trusts the CA gets the app over HTTPS, with a certificate for the LAN name.
    expect((await lanRequest(`${secure}/admin`, { ca })).status).toBe(200);
    await expect(lanRequest(`${secure}/admin`)).rejects.toThrow(
      /unable to verify the first certificate/,
    );
  });

  it('sets the session cookie Secure over HTTPS, so it never travels over plain HTTP', async () => {
    const overHttps = await lanRequest(`${secure}/api/admin/login`, { ...json({ password }), ca });
    expect(overHttps.status).toBe(204);
    expect(String(overHttps.headers['set-cookie'])).toMatch(
      /^vv_session=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    const onThePi = await fetch(`${local}/api/admin/login`, json({ password }));
    expect(onThePi.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('counts concurrent wrong passwords before checking them: 10 are checked, the rest refused', async () => {
    // From an address of its own (127.0.0.4), one connection a guess: the hub holds at most 64
    // sockets of one address, so some guesses are cut off before they are even read.
    const guess = () =>
      lanRequest(`${local}/api/admin/login`, {
        ...json({ password: 'a wrong guess' }),
        localAddress: '127.0.0.4',
      }).then(
        (r) => r.status,
        () => 'cut off',
      );
    const statuses = await Promise.all(Array.from({ length: 300 }, guess));
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s !== 401 && s !== 429 && s !== 'cut off')).toEqual([]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('sends security headers on every page, and compressed assets', async () => {
    for (const path of ['/', '/admin', '/connect']) {
      const res = await lanRequest(`${secure}${path}`, { ca });
      expect(res.headers['content-security-policy']).toMatch(
        /script-src 'self' 'wasm-unsafe-eval';.*frame-ancestors 'none'/,
      );
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
      });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const asset = await lanRequest(`${secure}/assets/app-abc123.js`, {
      ca,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect([asset.headers['content-encoding'], asset.body.length]).toEqual([
      'br',
      expect.any(Number),
    ]);
    expect(asset.body.length).toBeLessThan(200);
  });

  it('refuses bodies that are too big (413), not JSON (415) or invalid JSON (400), before a route acts', async () => {
    const big = await fetch(
      `${local}/api/pair`,
      json({ code: 'ABCD-EFGH', name: 'x'.repeat(10_000) }),
    );
    expect([big.status, ((await big.json()) as { error: string }).error]).toEqual([
      413,
      'request body too large: at most 4 kB here',
    ]);
    const session = { cookie: (await adminSession()).split(';')[0]! };
    for (const path of [
      '/api/admin/setup/finish',
      '/api/dumps/run',
      '/api/account-sync/start',
      '/api/pair',
    ]) {
      const garbled = await fetch(`${local}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...session },
        body: '{"startDumps": tru',
      });
      expect([path, garbled.status, ((await garbled.json()) as { error: string }).error]).toEqual([
        path,
        400,
        expect.stringMatching(/^invalid JSON: /),
      ]);
      expect(
        (await fetch(`${local}${path}`, { method: 'POST', headers: session, body: '{}' })).status,
      ).toBe(415);
    }
  });
});

describe('a hub flooded from the LAN', () => {
  /** The hub process's peak resident memory, from /proc. */
  const peakRss = (pid: number) =>
    Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

  it('reads no more of a 100 MB body than its limit, eight at once', async () => {
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir() });
    try {
      const chunk = Buffer.alloc(1 << 20, 'a');
      const post = () =>
        new Promise<number>((resolve) => {
          const req = request(
            `${hub.url}/api/pair`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
            },
            (res) => {
              res.resume();
              resolve(res.statusCode ?? 0);
            },
          );
          req.on('error', () => resolve(-1)); // the hub may close the socket before all is sent
          let sent = 0;
          const pump = () => {
            while (sent < 100 && req.write(chunk)) sent++;
            if (sent < 100) req.once('drain', pump);
            else req.end();
          };
          pump();
        });
      const statuses = await Promise.all(Array.from({ length: 8 }, post));
      expect(statuses.filter((s) => s === 413).length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 413 || s === -1)).toBe(true);
      expect(peakRss(hub.child.pid!)).toBeLessThan(300 * 1024 * 1024);
      expect((await fetch(`${hub.url}/api/health`)).status).toBe(200);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  }, 60_000);

  it('keeps answering others while 1,100 idle sockets are held open under ulimit -n 1024, and drops them', async () => {
    const hub = await serveHub({ VINYLVAULT_DATA_DIR: tempDir() }, { fileLimit: 1024 });
    const sockets: Socket[] = [];
    try {
      // Another machine of the LAN (127.0.0.2) opens sockets and sends nothing.
      let closedByHub = 0;
      await Promise.all(
        Array.from(
          { length: 1100 },
          () =>
            new Promise<void>((resolve) => {
              const s = connect(
                { host: '127.0.0.1', port: hub.port, localAddress: '127.0.0.2' },
                () => resolve(),
              );
              s.on('error', () => resolve());
              s.on('close', () => {
                closedByHub++;
                resolve();
              });
              sockets.push(s);
            }),
        ),
      );
      // A phone (here: 127.0.0.1) is served meanwhile, and the hub can still open its files.
      const health = await fetch(`${hub.url}/api/health`);
      expect(health.status).toBe(200);
      expect((await hub.api('/api/admin/settings')).status).toBe(200);
      // The silent sockets are dropped within the 10 s the hub gives a request to start.
      await expect.poll(() => closedByHub, { timeout: 30_000 }).toBe(1100);
      expect(hub.log()).not.toContain('EMFILE');
    } finally {
      for (const s of sockets) s.destroy();
      expect(await hub.stop()).toBe(0);
    }
  }, 60_000);
});
