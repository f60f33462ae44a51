import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../hub/config.ts';
import { createLogger } from '../../hub/log.ts';
import { startHub, type RunningHub } from '../../hub/main.ts';
import { version } from '../../hub/version.ts';
import { adminFetch } from '../helpers/auth.ts';
import { tempDir } from '../helpers/temp-dir.ts';

/** A request whose path is sent exactly as written (fetch would normalise `..` away). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('hub HTTP', () => {
  let hub: RunningHub;
  let logged: string;
  let root: string;

  beforeEach(async () => {
    root = tempDir();
    const webDir = join(root, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the web folder');
    logged = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logged += chunk), done()) });
    const config = {
      ...loadConfig({
        VINYLVAULT_DATA_DIR: join(root, 'data'),
        VINYLVAULT_PORT: '0',
        VINYLVAULT_HTTPS_PORT: '0',
      }),
      host: '127.0.0.1',
      webDir,
    };
    hub = await startHub(config, createLogger('info', sink));
  });
  afterEach(() => hub.close());

  it('answers /api/health with ok and the version', async () => {
    const res = await fetch(`http://127.0.0.1:${hub.port}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version });
  });

  it('serves the built web app, revalidating the shell and caching hashed assets for ever', async () => {
    const shell = await fetch(`http://127.0.0.1:${hub.port}/`);
    expect(await shell.text()).toContain('<title>shell</title>');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`http://127.0.0.1:${hub.port}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '//etc/passwd',
  ])('never serves outside the web folder: %s → 404', async (path) => {
    const res = await rawGet(hub.port, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the web folder');
  });

  it('answers an unknown API route with a JSON 404 (401 before signing in)', async () => {
    expect((await fetch(`http://127.0.0.1:${hub.port}/api/nothing-here`)).status).toBe(401);
    const res = await adminFetch(
      `http://127.0.0.1:${hub.port}`,
      join(root, 'data'),
    )('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such route: GET /api/nothing-here' });
  });

  it('logs each request without headers, query strings or bodies', async () => {
    await rawGet(hub.port, '/api/health?code=PAIRING-SECRET', {
      authorization: 'Bearer TOKEN-SECRET',
      cookie: 'session=COOKIE-SECRET',
    });
    const line = logged
      .split('\n')
      .map((l) => (l ? JSON.parse(l) : null))
      .find((l) => l?.msg === 'request' && l.path === '/api/health');
    expect(line).toMatchObject({ method: 'GET', path: '/api/health', status: 200 });
    expect(logged).not.toMatch(/TOKEN-SECRET|COOKIE-SECRET|PAIRING-SECRET/);
  });
});
