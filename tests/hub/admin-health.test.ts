import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { list } from 'tar';
import { describe, expect, it } from 'vitest';
import { test } from '../helpers/hub-fixture.ts';
import type { HubHealth } from '../../shared/hub-health.ts';
import { RecentProblems } from '../../hub/jobs/recent-problems.ts';
import { createLogger } from '../../hub/log.ts';

describe('hub health for the admin page', () => {
  it('keeps the latest warnings and errors, newest first, without their secrets, whatever the log level', () => {
    const problems = new RecentProblems();
    const out: string[] = [];
    const log = createLogger(
      'error',
      new Writable({ write: (chunk, _e, done) => (out.push(String(chunk)), done()) }),
      problems,
    );
    log.info('routine');
    log.warn({ token: 'secret-token' }, 'disk nearly full');
    log.error({ err: new Error('ENOSPC') }, 'ingest failed');
    expect(problems.list()).toMatchObject([
      { level: 'error', msg: 'ingest failed', detail: 'ENOSPC' },
      { level: 'warn', msg: 'disk nearly full', detail: null },
    ]);
    // The hub's own output still follows its level: the warning is not printed at "error".
    expect(out.map((l) => JSON.parse(l).msg)).toEqual(['ingest failed']);
    expect(JSON.stringify(problems.list())).not.toContain('secret-token');
    for (let i = 0; i < 60; i++) log.warn(`w${i}`);
    expect(problems.list()).toHaveLength(50);
    expect(problems.list()[0]?.msg).toBe('w59');
  });

  test('GET /api/admin/health reports the machine, storage, collection and recent problems to the admin only', async ({
    hubs,
  }) => {
    // No web build in this web dir: the hub warns at start, which the panel must show.
    const hub = await hubs.open({ VINYLVAULT_WEB_DIR: hubs.dir() });
    const health = (await (await hub.api('/api/admin/health')).json()) as HubHealth;
    expect(health.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(health.disk.freeBytes).toBeGreaterThan(0);
    expect(health.disk.totalBytes).toBeGreaterThanOrEqual(health.disk.freeBytes);
    expect(health.memory.processBytes).toBeGreaterThan(10_000_000);
    expect(health.storage.catalogBytes).toBeGreaterThan(0);
    expect(health).toMatchObject({
      catalog: [],
      collection: { folders: 0, instances: 0 },
      devices: 0,
    });
    expect(health.problems).toMatchObject([
      { level: 'warn', msg: 'the web app is not built: run "npm run build" (npm start does it)' },
    ]);
    expect(health.backups).toMatchObject({ last: null, count: 0, keep: 7, lastError: null });
    expect(health.backups.nextRun).toMatch(/T04:30:00/);
    expect((await fetch(`${hub.url}/api/admin/health`)).status).toBe(401);
  });

  test('"Download backup" sends a backup taken now, to the admin only, and leaves no file behind', async ({
    hubs,
  }) => {
    const hub = await hubs.open();
    const res = await hub.api('/api/admin/backup');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="vinylvault-\d{8}T\d{6}Z-manual\.tar\.gz"$/,
    );
    const file = join(hubs.dir(), 'download.tar.gz');
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    const names: string[] = [];
    await list({ file, onReadEntry: (e) => void names.push(e.path) });
    expect(names).toEqual(
      expect.arrayContaining(['vinylvault-backup.json', 'user.sqlite', 'state.json']),
    );
    expect(readdirSync(join(hub.dataDir, 'backups'))).toEqual([]);
    expect((await fetch(`${hub.url}/api/admin/backup`)).status).toBe(401);
  });
});
